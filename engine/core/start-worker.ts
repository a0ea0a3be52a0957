// A worker thread of the engine's own, from the build (engine/dist/<name>.js, beside the module
// that starts it once bundled) or, running the sources, the TypeScript file through tsx.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Starts `<name>` beside the module at `from` (its import.meta.url) with `workerData`. */
export function startWorker(name: string, from: string, workerData: unknown): Worker {
  if (!from.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, from), { workerData });
  const tsx = dirname(createRequire(from).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsx, 'dist', 'esm', 'api', 'index.mjs')).href;
  const source = `import { tsImport } from ${JSON.stringify(api)}; await tsImport(${JSON.stringify(new URL(`./${name}.ts`, from).href)}, ${JSON.stringify(from)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), { workerData });
}
