// `npm run build` (and `npm install`'s prepare): the engine and the command line as plain
// JavaScript in engine/dist/, so `tiaoli` starts without compiling TypeScript, plus the
// schema validators of the project's own rules and forms generated ahead of time.
// engine/cli/bin.js runs engine/dist/main.js when build.json is newer than every source.
import { cpSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { recordProject, writeRegulation, writeSources, writeValidators } from './precompile.js';

// not rules-dir.ts's packageRoot: importing it would load the rule-file schemas before the recorder listens
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const DIST = join(packageRoot, 'engine', 'dist');

/** Loaded only by the commands that need them, or packages that must stay whole (binaries, their own files). */
const KEPT_EXTERNAL = [
  'hono', '@hono/node-server', 'handlebars', 'playwright-core', '@electric-sql/pglite', 'pg', 'proper-lockfile', 'tsx', 'vite',
];

/** engine/dist/build.json: when the build started (sources changed after it make it stale). */
export interface BuildStamp {
  builtAt: number;
}

async function buildEngine(): Promise<void> {
  // first, so that an interrupted build is no build (bin.js then runs the sources)
  rmSync(join(DIST, 'build.json'), { force: true });
  // engine/dist made before the build's time is taken: making it changes engine/'s own time
  mkdirSync(DIST, { recursive: true });
  const started = Math.max(Date.now(), Math.ceil(statSync(join(packageRoot, 'engine')).mtimeMs));
  await build({
    configFile: false,
    root: packageRoot,
    logLevel: 'warn',
    publicDir: false,
    // the pure-JavaScript dependencies every command loads are bundled (one file to read
    // instead of hundreds to find); the server's, the printer's and the register's stay in node_modules
    ssr: { noExternal: true, external: KEPT_EXTERNAL },
    build: {
      ssr: true,
      outDir: DIST,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      reportCompressedSize: false,
      rollupOptions: {
        // the command line, the worker threads of `decide --jsonl` (decide-lines.ts), of the server's replays (replay-jobs.ts)
        // and of the server's embedded register (pglite-thread.ts), the server on its own (startServer), for the register
        // bench to run the server as `tiaoli serve` runs it, and the engine as the bench times it (test/bench/bench.ts)
        input: {
          main: join(packageRoot, 'engine', 'cli', 'main.ts'),
          serve: join(packageRoot, 'engine', 'server', 'serve.ts'),
          'decide-worker': join(packageRoot, 'engine', 'cli', 'decide-worker.ts'),
          'replay-worker': join(packageRoot, 'engine', 'server', 'replay-worker.ts'),
          'pglite-worker': join(packageRoot, 'engine', 'register', 'pglite-worker.ts'),
          'bench-api': join(packageRoot, 'engine', 'cli', 'bench-api.ts'),
        },
        external: (id: string) => KEPT_EXTERNAL.some((name) => id === name || id.startsWith(`${name}/`)),
        // every module beside main.js, one folder below the package: rules-dir.ts finds the package root
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  });
  // the register's migrations are read beside the module that applies them (engine/register/migrate.ts)
  cpSync(join(packageRoot, 'engine', 'register', 'migrations'), join(DIST, 'migrations'), { recursive: true });
  const recorded = await recordProject(packageRoot);
  const count = writeValidators(recorded.schemas, join(DIST, 'validators'));
  const read = writeSources(recorded.sources, join(DIST, 'sources.json'));
  const built = await writeRegulation(join(packageRoot, 'rules'), DIST);
  const stamp: BuildStamp = { builtAt: started };
  writeFileSync(join(DIST, 'build.json'), `${JSON.stringify(stamp)}\n`);
  process.stdout.write(`engine/dist：引擎与命令行已构建，预编译 ${count} 个 Schema 校验器，预读 ${read} 个 YAML 文件${built ? '，预建规则' : ''}（${Date.now() - started} ms）\n`);
}

await buildEngine();
