// Whether engine/dist (`npm run build`) is the build of the sources as they are now: plain
// JavaScript, so that bin.js can ask before anything is compiled.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** When the build started, or undefined when there is no finished build. */
function builtAt(dist) {
  try {
    const stamp = JSON.parse(readFileSync(join(dist, 'build.json'), 'utf8'));
    return typeof stamp.builtAt === 'number' ? stamp.builtAt : undefined;
  } catch {
    return undefined;
  }
}

/** A TypeScript source or a folder under engine/ (the build excepted) changed after `time`, or package.json did. */
function changedSince(engine, dist, time) {
  if (statSync(join(engine, '..', 'package.json')).mtimeMs > time) return true;
  const folders = [engine];
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

/** Why engine/dist cannot be run (in Chinese, for stderr), or undefined when it is up to date. */
export function staleBuild(engine) {
  const dist = join(engine, 'dist');
  const time = builtAt(dist);
  if (time === undefined) return 'engine/dist 尚未构建';
  return changedSince(engine, dist, time) ? 'engine/ 的源文件比 engine/dist 的构建新' : undefined;
}
