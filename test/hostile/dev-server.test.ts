// `npm run dev` (Vite's dev server, vite.config.ts) serves the studio's sources over
// /@fs/… It must never hand out the register's files (.tiaoli/: personal data, pg_wal…),
// and it answers only its own origin: another page on loopback gets no CORS permission.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import { root } from '../support/regulation.js';

let server: ViteDevServer;
let base: string;
// a folder of its own under .tiaoli/ (the register's own folder is never touched), removed after
const dotTiaoli = join(root, '.tiaoli');
const hadDotTiaoli = existsSync(dotTiaoli);
const probeRoot = join(dotTiaoli, `dev-server-probe-${randomBytes(6).toString('hex')}`);
const probeDir = join(probeRoot, 'pg_wal');
const probeName = '000000010000000000000001';
const probe = join(probeDir, probeName);

beforeAll(async () => {
  mkdirSync(probeDir, { recursive: true });
  writeFileSync(probe, '身份证号 530302199001011234\n');
  server = await createServer({ configFile: join(root, 'vite.config.ts'), logLevel: 'silent', server: { port: 0, strictPort: false, hmr: false, watch: null } });
  await server.listen();
  const address = server.httpServer!.address();
  if (!address || typeof address !== 'object') throw new Error('vite has no address');
  base = `http://127.0.0.1:${address.port}`;
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(hadDotTiaoli ? probeRoot : dotTiaoli, { recursive: true, force: true });
});

describe('npm run dev: the register is not served, other origins get no CORS', () => {
  it('refuses /@fs/<repo>/.tiaoli/…/pg_wal/… (raw, plain and url-encoded)', async () => {
    for (const path of [
      `/@fs${probe}?raw`,
      `/@fs${probe}`,
      `/@fs${probe}?import&raw`,
      `/@fs${probe.replace('/.tiaoli/', '/%2Etiaoli/')}?raw`,
    ]) {
      const r = await fetch(base + path);
      const body = await r.text();
      expect(body, path).not.toContain('530302199001011234');
      expect(r.status, path).toBeGreaterThanOrEqual(400);
    }
  });

  it('gives no Access-Control-Allow-Origin to another loopback origin', async () => {
    for (const origin of ['http://127.0.0.1:9', 'http://localhost:3000', 'http://evil.localhost:5178']) {
      const r = await fetch(`${base}/index.html`, { headers: { origin } });
      await r.arrayBuffer();
      expect(r.headers.get('access-control-allow-origin'), origin).toBeNull();
      const pre = await fetch(`${base}/src/main.tsx`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
      await pre.arrayBuffer();
      expect(pre.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });

  it('refuses a Host that is not its own (a re-pointed DNS name)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(base);
      request({ host: u.hostname, port: u.port, path: '/index.html', headers: { host: 'rebind.example.com' } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); }).on('error', reject).end();
    });
    expect(status).toBe(403);
  });
});
