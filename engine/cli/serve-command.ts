// `tiaoli serve`: the studio on http://127.0.0.1:5177/ by default.
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { startServer } from '../server/serve.js';
import { packageRoot } from './rules-dir.js';

export async function serveCommand(options: { port?: string; host?: string; root?: string; token?: string }): Promise<number> {
  const root = resolve(options.root ?? (existsSync('rules/regulation.yaml') ? '.' : packageRoot));
  const port = Number(options.port ?? process.env.PORT ?? 5177);
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  let started;
  try {
    started = await startServer({ root, port, host, token: options.token ?? process.env.TIAOLI_TOKEN, studio: join(packageRoot, 'studio', 'dist') });
  } catch (e) {
    const code = (e as { code?: string }).code;
    process.stderr.write(code === 'EADDRINUSE'
      ? `端口 ${port} 已被占用：请换一个端口，如 PORT=5180 npm start 或 npx tiaoli serve --port 5180\n`
      : `无法在 ${host}:${port} 启动：${(e as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`条例工作室：${started.url}${started.token ? `?token=${started.token}` : ''}\n`);
  process.stdout.write(`项目目录：${root}\n`);
  if (started.token) process.stdout.write('（非本机地址：接口需要上面的访问令牌）\n');
  await new Promise(() => undefined); // serve until stopped
  return 0;
}
