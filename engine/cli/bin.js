#!/usr/bin/env node
// The `tiaoli` command. It runs the built JavaScript in engine/dist (`npm run build`, done by
// `npm install`), with the schema validators and YAML data the build prepared. When there is
// no build, or a source under engine/ (or package.json) changed after it, it runs the
// TypeScript sources through tsx instead and says so on stderr: an edit is never ignored.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const engine = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(engine, 'dist');

/** When the build started, or undefined when there is no finished build. */
function builtAt() {
  try {
    const stamp = JSON.parse(readFileSync(join(dist, 'build.json'), 'utf8'));
    return typeof stamp.builtAt === 'number' ? stamp.builtAt : undefined;
  } catch {
    return undefined;
  }
}

/** A TypeScript source or a folder under engine/ (the build excepted) changed after `time`, or package.json did. */
function changedSince(time) {
  const folders = [engine];
  if (statSync(join(engine, '..', 'package.json')).mtimeMs > time) return true;
  while (folders.length) {
    const folder = folders.pop();
    if (statSync(folder).mtimeMs > time) return true; // a file added, removed or renamed
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (path !== dist) folders.push(path);
      } else if (entry.name.endsWith('.ts') && statSync(path).mtimeMs > time) return true;
    }
  }
  return false;
}

function installQuietPipe() {
  // `tiaoli decide … | head`: a reader that stops early ends the command quietly
  process.stdout.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

installQuietPipe();
const built = builtAt();
const stale = built === undefined ? 'engine/dist 尚未构建' : changedSince(built) ? 'engine/ 的源文件比 engine/dist 的构建新' : undefined;
if (stale === undefined) {
  const { main } = await import('../dist/main.js');
  process.exitCode = await main(process.argv.slice(2), { validators: join(dist, 'validators'), sources: join(dist, 'sources.json') });
} else {
  process.stderr.write(`tiaoli：${stale}，改用 tsx 直接运行源文件（较慢；npm run build 重新构建）\n`);
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
