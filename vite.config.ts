import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { getRequestListener } from '@hono/node-server';
import { withSession } from './engine/server/routes/session-page.js';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * In development (`npm run dev`), the studio's API runs inside Vite's dev server, over this
 * project: the same Hono app as `tiaoli serve`, with the same checks (Host = Vite's own
 * host:port, session secret put into index.html, a token beyond loopback).
 */
function tiaoliApi(): Plugin {
  const session = randomBytes(24).toString('base64url');
  return {
    name: 'tiaoli-api',
    apply: (_config, env) => env.command === 'serve' && !process.env.VITEST,
    transformIndexHtml: (html) => withSession(html, session),
    async configureServer(server) {
      const load = (path: string) => server.ssrLoadModule(`${projectRoot}${path}`);
      const { createApp } = await load('engine/server/app.ts');
      const { ProjectStore } = await load('engine/server/project-store.ts');
      const { ownHosts } = await load('engine/server/middleware/host-check.ts');
      const { adapterError } = await load('engine/server/middleware/errors.ts');
      const { tokenFor } = await load('engine/server/serve.ts');
      const configured = server.config.server.host;
      const host = typeof configured === 'string' ? configured : configured ? '0.0.0.0' : 'localhost';
      const token: string | undefined = tokenFor(host, process.env.TIAOLI_TOKEN);
      if (token) server.config.logger.info(`  tiaoli 接口需要访问令牌：?token=${token}`);
      let known: { port: number; hosts: ReadonlySet<string> } | undefined;
      const hosts = (): ReadonlySet<string> => {
        const address = server.httpServer?.address();
        const port = typeof address === 'object' && address ? address.port : (server.config.server.port ?? 5178);
        if (known?.port !== port) known = { port, hosts: ownHosts(host, port) };
        return known.hosts;
      };
      const { isLoopback } = await load('engine/server/middleware/host-check.ts');
      const app = createApp({ store: new ProjectStore(projectRoot), session, token, hosts, singleUser: isLoopback(host) });
      const listener = getRequestListener(app.fetch, { errorHandler: adapterError });
      server.middlewares.use((req, res, next) => {
        if (!(req.url ?? '').startsWith('/api/')) return next();
        listener(req, res).catch(next);
      });
    },
  };
}

// The studio (studio/) is built with Vite into studio/dist; the tests run with Vitest.
export default defineConfig({
  root: fileURLToPath(new URL('./studio', import.meta.url)),
  base: './',
  plugins: [react(), tiaoliApi()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  // the impact worker (studio/src/impact) is an ES module: it shares the engine's chunks
  worker: { format: 'es' },
  // The dev server serves the studio's sources to its own page only: never the register's files
  // (.tiaoli/ holds personal data and the database's own files), and no CORS permission to any
  // other origin, loopback ones included (Vite's default lets every localhost page read sources).
  server: {
    host: '127.0.0.1',
    port: 5178,
    cors: false,
    allowedHosts: (process.env.TIAOLI_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    fs: {
      allow: [projectRoot],
      deny: ['.env', '.env.*', '*.{crt,pem,key,p12,pfx,cer,der}', '.npmrc', '**/.git/**', '**/.tiaoli/**', '**/.tiaoli', '**/.tiaoli.lock', '**/.scratch/**'],
    },
  },
  // the API's packages load as Node packages in the dev server, not through Vite's transform
  ssr: { external: ['ajv', 'ajv-formats', 'ajv-i18n', 'json-rules-engine', 'yaml', 'handlebars', '@noble/hashes', 'hono', '@hono/node-server', 'proper-lockfile', 're2js'] },
  test: {
    dir: projectRoot,
    include: ['test/**/*.test.ts'],
    // engine/dist up to date (the tests spawn tiaoli); with TIAOLI_SHARED_CHROMIUM=1, one Chromium for the run's browser tests
    globalSetup: [`${projectRoot}test/support/engine-build.ts`, `${projectRoot}test/support/shared-chromium.ts`],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // one file more than there are cores (three on two; Vitest's default there is one): most
    // files wait on a child process, a server or Chromium much of the time, and the others' work fills it
    maxWorkers: availableParallelism() + 1,
  },
});
