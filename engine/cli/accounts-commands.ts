// `tiaoli accounts add|list|disable|enable|passwd|roles|link|unlink` as commands of the command line
// (main.ts); their work, and the database drivers, load only when one runs (accounts-command.ts).
import type { Command } from 'commander';

export function accountsCommands(program: Command, done: (status: number) => void): void {
  const accounts = program.command('accounts').description('工作室的账户与角色：窗口（counter）、政策（policy）、法制审核（legal）、管理员（admin）；存放在台账数据库中');
  const run = (name: 'add' | 'list' | 'disable' | 'enable' | 'passwd' | 'roles' | 'link' | 'unlink') => async (...args: unknown[]) => {
    const { accountsCommand } = await import('./accounts-command.js');
    done(await accountsCommand(name, args.slice(0, -2) as string[], { ...program.opts(), ...(args.at(-2) as object) }));
  };
  const password = '--password-file <file>';
  const passwordHelp = '从这个文件读取密码（默认从标准输入读取；密码从不写在命令行上）';
  accounts.command('add')
    .description('新建账户（第一个管理员也用它建立）；密码从标准输入或 --password-file 读取')
    .requiredOption('--login <login>', '账户名：2–40 个小写字母、数字、点、连字符或下划线')
    .requiredOption('--name <name>', '姓名：登记和文书以它记经办人')
    .requiredOption('--roles <roles>', '角色，逗号分隔：counter 窗口、policy 政策、legal 法制审核、admin 管理员')
    .option(password, passwordHelp)
    .option('--sso <value>', '同时链接单位统一身份认证（TIAOLI_OIDC 配置的 loginClaim 的值）；不给 --password-file 时，这个账户只能经统一身份认证登录，没有密码')
    .action(run('add'));
  accounts.command('list').description('列出账户与角色（不显示密码）').option('--json', '以 JSON 输出').action(run('list'));
  accounts.command('disable <login>').description('停用账户：不能再登录，已登录的会话立即结束').action(run('disable'));
  accounts.command('enable <login>').description('重新启用停用的账户').action(run('enable'));
  accounts.command('passwd <login>').description('设置新密码（从标准输入或 --password-file 读取）；该账户的会话全部结束').option(password, passwordHelp).action(run('passwd'));
  accounts.command('link <login> <value>')
    .description('把账户链接到单位统一身份认证中的一个人：value 是 TIAOLI_OIDC 配置的 loginClaim（如 sub、preferred_username）的值；这个人第一次登录时记下统一身份认证的 sub，此后只认这个人')
    .action(run('link'));
  accounts.command('unlink <login>').description('取消账户与单位统一身份认证的链接；该账户的会话全部结束').action(run('unlink'));
  accounts.command('roles <login> <roles>').description('改账户的角色（逗号分隔，如 counter,legal 或 窗口,法制审核）；该账户的会话全部结束').action(run('roles'));
}
