// Vitest's global set-up: the tests spawn `tiaoli` (engine/cli/bin.js), which runs
// engine/dist; build it first when a source changed since the last build (or there is none),
// so that a test run after an edit tests the edit without the tsx notice on stderr.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { staleBuild } from '../../engine/cli/fresh-build.js';

const root = resolve(import.meta.dirname, '..', '..');

export default function setup(): void {
  if (staleBuild(join(root, 'engine')) === undefined) return;
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const r = spawnSync(process.execPath, [tsx, join(root, 'engine', 'cli', 'build', 'build-engine.ts')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build（engine/dist）失败：\n${r.stdout}${r.stderr}`);
}
