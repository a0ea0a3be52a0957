// `tiaoli serve`: one Node process that serves the built studio and its API. It binds to
// loopback; bound elsewhere, the API demands a token.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createApi } from './api.js';

export interface ServeOptions { root: string; port: number; host: string; token?: string; studio: string }

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2', '.ico': 'image/x-icon',
};

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

export function startServer(options: ServeOptions): Promise<{ url: string; token?: string; close: () => Promise<void> }> {
  const token = isLoopback(options.host) ? options.token : (options.token ?? randomBytes(18).toString('base64url'));
  const api = createApi({ root: options.root, token });
  const server = createServer(async (req, res) => {
    if (await api(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://studio');
    const wanted = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(options.studio, wanted);
    if (!file.startsWith(options.studio) || !existsSync(file) || statSync(file).isDirectory()) file = join(options.studio, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('工作室尚未构建：请先运行 npm run build');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        url: `http://${host}:${port}/`,
        token,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
