#!/usr/bin/env node
// The `tiaoli` command. It runs the built JavaScript in engine/dist (`npm run build`, done by
// `npm install`), with the schema validators and YAML data the build prepared. When there is
// no build, or a source under engine/ (or package.json) changed after it, it runs the
// TypeScript sources through tsx instead and says so on stderr: an edit is never ignored.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleBuild } from './fresh-build.js';

const engine = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(engine, 'dist');

// `tiaoli decide … | head`: a reader that stops early ends the command quietly
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

const stale = staleBuild(engine);
if (stale === undefined) {
  const { main } = await import('../dist/main.js');
  process.exitCode = await main(process.argv.slice(2), { validators: join(dist, 'validators'), sources: join(dist, 'sources.json'), regulations: join(dist, 'regulations.json') });
} else {
  process.stderr.write(`tiaoli：${stale}，改用 tsx 直接运行源文件（较慢；npm run build 重新构建）\n`);
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
