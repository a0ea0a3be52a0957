// The accounts on the command line: how the first administrator is made (nobody can sign in
// to make one). It works on the register's database directly, as whoever may run it may read
// that database anyway. A password is read from standard input or a file, never from the
// command line (where other users of the machine see it in the process list and it stays in
// the shell's history).
import { readFileSync } from 'node:fs';
import { Accounts, type Account } from '../accounts/accounts.js';
import { parseRoles, roleNames } from '../accounts/roles.js';
import { checkClaimValue, OidcLinks } from '../accounts/oidc-links.js';
import { readOidcFile } from '../accounts/oidc-config.js';
import { RegisterError } from '../register/database.js';
import { openRegister } from '../register/open-register.js';
import { serveRoot, type ProjectOptions } from './rules-dir.js';

interface Options extends ProjectOptions { login?: string; name?: string; roles?: string; passwordFile?: string; json?: boolean; sso?: string }

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** The password from --password-file or standard input, one trailing line break dropped. */
function readPassword(options: Options): string {
  if (!options.passwordFile && process.stdin.isTTY) {
    throw new RegisterError('密码从标准输入或 --password-file 读取，不从命令行：例如  tiaoli accounts add … --password-file 密码文件，或把密码经管道送入标准输入', 'password');
  }
  let text: string;
  try {
    text = readFileSync(options.passwordFile ?? 0, 'utf8');
  } catch (e) {
    throw new RegisterError(`读不出密码${options.passwordFile ? `文件 ${options.passwordFile}` : ''}（${(e as NodeJS.ErrnoException).code ?? 'error'}）`, 'password');
  }
  return text.replace(/\r?\n$/, '');
}

const line = (a: Account): string => `${a.login}\t${a.name}\t${roleNames(a.roles) || '（无角色）'}${a.disabled ? '\t已停用' : ''}`;

/** The identity provider's issuer, from the configuration TIAOLI_OIDC names (links are to one provider). */
function issuer(): string {
  const read = readOidcFile();
  if (read.kind === 'off') throw new RegisterError('没有配置单点登录：先设置 TIAOLI_OIDC=单点登录配置文件（与 tiaoli serve 用的相同），再链接', 'sso');
  if (read.kind === 'refused') throw new RegisterError(read.message, 'sso');
  return read.config.issuer;
}

export async function accountsCommand(name: string, args: string[], options: Options): Promise<number> {
  let register;
  try {
    register = await openRegister(serveRoot({ project: options.project }));
  } catch (e) {
    say(e instanceof Error ? e.message : String(e));
    return 1;
  }
  const accounts = new Accounts(register.db, register.passwordCost);
  const links = new OidcLinks(register.db);
  try {
    const find = async (login: string): Promise<Account> => {
      const a = await accounts.byLogin(login);
      if (!a) throw new RegisterError(`没有账户 ${login.slice(0, 40)}（tiaoli accounts list 列出全部）`, 'login', 404);
      return a;
    };
    const roles = (text: string) => {
      const parsed = parseRoles(text);
      if ('unknown' in parsed) throw new RegisterError(`不认识的角色 ${parsed.unknown.slice(0, 40)}：可用 counter（窗口）、policy（政策）、legal（法制审核）、admin（管理员）`, 'roles');
      return parsed.roles;
    };
    switch (name) {
      case 'add': {
        // with --sso and no password file, the account signs in only through the provider
        const sso = options.sso === undefined ? undefined : { issuer: issuer(), value: checkClaimValue(options.sso) };
        const passwordless = sso !== undefined && !options.passwordFile;
        if (sso) await links.checkFree(sso.issuer, sso.value); // before the account is made, not after
        const a = await accounts.add({ login: options.login, name: options.name, roles: roles(options.roles ?? ''), password: passwordless ? null : readPassword(options) }, { passwordless });
        if (sso) await links.link(a.id, sso.issuer, sso.value);
        say(`已建立账户 ${line(a)}${sso ? `\t统一身份认证：${sso.value}${passwordless ? '（无密码，只能经统一身份认证登录）' : ''}` : ''}`);
        return 0;
      }
      case 'list': {
        const linked = new Map((await links.list()).map((l) => [l.accountId, l]));
        const list = (await accounts.list()).map((a) => ({ ...a, sso: linked.get(a.id) ?? null }));
        if (options.json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        else for (const a of list) process.stdout.write(`${line(a)}${a.sso ? `\t统一身份认证：${a.sso.claimValue}${a.sso.subject ? '' : '（尚未登录过）'}` : ''}\n`);
        if (!list.length && !options.json) say('还没有账户：tiaoli accounts add --login 账户名 --name 姓名 --roles admin');
        return 0;
      }
      case 'disable':
      case 'enable': {
        const a = await accounts.setDisabled((await find(args[0])).id, name === 'disable');
        say(`${name === 'disable' ? '已停用（会话已结束）' : '已启用'}：${line(a)}`);
        return 0;
      }
      case 'passwd': {
        const a = await find(args[0]);
        await accounts.setPassword(a.id, readPassword(options));
        say(`已为 ${a.login} 设置新密码，它的会话已全部结束`);
        return 0;
      }
      case 'link': {
        const a = await find(args[0]);
        const link = await links.link(a.id, issuer(), args[1]);
        say(`已把账户 ${a.login}（${a.name}）链接到统一身份认证：${link.claimValue}；这个人第一次登录时记下统一身份认证给的 sub，此后只认这个人`);
        return 0;
      }
      case 'unlink': {
        const a = await find(args[0]);
        const had = await links.unlink(a.id);
        await accounts.endSessions(a.id);
        say(had ? `已取消账户 ${a.login} 与统一身份认证的链接（它的会话已全部结束）` : `账户 ${a.login} 没有链接统一身份认证`);
        return had ? 0 : 1;
      }
      case 'roles': {
        const a = await accounts.setRoles((await find(args[0])).id, roles(args[1] ?? ''));
        say(`角色已改：${line(a)}（它的会话已全部结束）`);
        return 0;
      }
    }
    return 1;
  } catch (e) {
    say(e instanceof RegisterError ? `${e.field ? `--${e.field}：` : ''}${e.message}` : `账户出错：${(e as Error).message.split('\n')[0]}`);
    return 1;
  } finally {
    await register.close();
  }
}
