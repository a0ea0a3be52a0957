// `tiaoli serve`: the studio on http://127.0.0.1:5177/ by default.
import { join } from 'node:path';
import { startServer } from '../server/serve.js';
import { packageRoot, serveRoot } from './rules-dir.js';

/** The last resort: log and keep serving. The app answers every request itself; nothing should get here. */
function keepRunning(): void {
  process.on('uncaughtException', (e) => process.stderr.write(`[tiaoli] 未处理的错误（服务继续运行）：${e.stack ?? e.message}\n`));
  process.on('unhandledRejection', (e) => process.stderr.write(`[tiaoli] 未处理的拒绝（服务继续运行）：${e instanceof Error ? e.stack ?? e.message : String(e)}\n`));
}

export async function serveCommand(options: { port?: string; host?: string; root?: string; project?: string; token?: string }): Promise<number> {
  const root = serveRoot(options);
  const port = Number(options.port ?? process.env.PORT ?? 5177);
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const hosts = (process.env.TIAOLI_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  let started;
  try {
    started = await startServer({ root, port, host, hosts, token: options.token ?? process.env.TIAOLI_TOKEN, studio: join(packageRoot, 'studio', 'dist') });
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
  await new Promise(() => undefined); // serve until stopped
  return 0;
}
