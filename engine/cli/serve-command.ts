// `tiaoli serve`: the studio on http://127.0.0.1:5177/ by default.
import { join } from 'node:path';
import { startServer } from '../server/serve.js';
import { packageRoot, serveRoot } from './rules-dir.js';
import { NotPlainFile, readPlainFile } from '../model/read-plain-file.js';

/** The last resort: log and keep serving. The app answers every request itself; nothing should get here. */
function keepRunning(): void {
  process.on('uncaughtException', (e) => process.stderr.write(`[tiaoli] 未处理的错误（服务继续运行）：${e.stack ?? e.message}\n`));
  process.on('unhandledRejection', (e) => process.stderr.write(`[tiaoli] 未处理的拒绝（服务继续运行）：${e instanceof Error ? e.stack ?? e.message : String(e)}\n`));
}

/**
 * The LAN access token: from --token-file (a plain file, its text trimmed), TIAOLI_TOKEN or
 * --token. On the command line it stands in `ps` for every user of the machine to read: a
 * warning says so, and the process's title is cut back to the command once it is read.
 */
export function tokenOption(options: { token?: string; tokenFile?: string }, env: NodeJS.ProcessEnv = process.env): { token?: string; problem?: string; warning?: string } {
  if (options.token !== undefined && options.tokenFile !== undefined) return { problem: '--token 与 --token-file 只能给一个' };
  if (options.tokenFile !== undefined) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(readPlainFile(options.tokenFile));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = e instanceof NotPlainFile ? e.message : code === 'ENOENT' ? `${options.tokenFile} 不存在` : code === 'EACCES' ? `没有读取 ${options.tokenFile} 的权限` : e instanceof TypeError ? `${options.tokenFile} 不是 UTF-8 文字` : (e as Error).message;
      return { problem: `--token-file：无法读取访问令牌：${why}` };
    }
    const token = text.trim();
    if (!token) return { problem: `--token-file：${options.tokenFile} 是空的，访问令牌不能为空` };
    if (/\s/.test(token)) return { problem: `--token-file：${options.tokenFile} 应只有一行令牌（令牌里不能有空白）` };
    return { token };
  }
  if (options.token !== undefined) {
    return {
      token: options.token,
      warning: '注意：--token 写在命令行上，本机的其他用户可以在进程列表（ps）里看到它；请改用 --token-file 文件 或环境变量 TIAOLI_TOKEN',
    };
  }
  return { token: env.TIAOLI_TOKEN };
}

export async function serveCommand(options: { port?: string; host?: string; root?: string; project?: string; token?: string; tokenFile?: string }): Promise<number> {
  const chosen = tokenOption(options);
  if (chosen.problem) {
    process.stderr.write(`${chosen.problem}\n`);
    return 1;
  }
  if (chosen.warning) {
    process.stderr.write(`${chosen.warning}\n`);
    process.title = 'tiaoli serve'; // what `ps` shows from now on: not the token
  }
  const root = serveRoot(options);
  const port = Number(options.port ?? process.env.PORT ?? 5177);
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const hosts = (process.env.TIAOLI_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  let started;
  try {
    started = await startServer({ root, port, host, hosts, token: chosen.token, studio: join(packageRoot, 'studio', 'dist'), openRegisterAtStart: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    process.stderr.write(code === 'EADDRINUSE'
      ? `端口 ${port} 已被占用：请换一个端口，如 PORT=5180 npm start 或 npx tiaoli serve --port 5180\n`
      : `无法在 ${host}:${port} 启动：${(e as Error).message}\n`);
    return 1;
  }
  keepRunning();
  process.stdout.write(`条例工作室：${started.url}${started.token ? `?token=${started.token}` : ''}\n`);
  process.stdout.write(`项目目录：${root}\n`);
  if (started.token) process.stdout.write('（接口需要上面的访问令牌）\n');
  if (started.sso) process.stdout.write(`单点登录：${started.sso.name}（回调地址 ${started.sso.redirectUri}，须在提供方登记，其主机名须是本服务器应答的名字）\n`);
  await new Promise(() => undefined); // serve until stopped
  return 0;
}
