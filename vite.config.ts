import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));

/** In development (`npm run dev`), the studio's API runs inside Vite's dev server, over this project. */
function tiaoliApi(): Plugin {
  return {
    name: 'tiaoli-api',
    apply: (_config, env) => env.command === 'serve' && !process.env.VITEST,
    async configureServer(server) {
      const { createApi } = await server.ssrLoadModule(`${projectRoot}engine/server/api.ts`);
      const api = createApi({ root: projectRoot });
      server.middlewares.use((req, res, next) => {
        api(req, res).then((handled: boolean) => (handled ? undefined : next()), next);
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
  server: { host: '127.0.0.1', port: 5178, fs: { allow: [projectRoot] } },
  // the API's packages load as Node packages in the dev server, not through Vite's transform
  ssr: { external: ['ajv', 'ajv-formats', 'ajv-i18n', 'json-rules-engine', 'yaml', 'handlebars', '@noble/hashes'] },
  test: {
    dir: projectRoot,
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
