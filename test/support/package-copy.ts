// A scratch copy of the whole package (engine/ with its build, package.json, rules/, forms/,
// test/cases/; node_modules linked), for tests of how `tiaoli` starts: they change the build
// or the sources there, never here.
import { cpSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { root } from './regulation.js';
import type { Run } from './cli.js';

export function packageCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tiaoli-package-'));
  for (const part of ['engine', 'rules', 'forms', 'test/cases', 'package.json']) cpSync(join(root, part), join(dir, part), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Marks the copy's build as made after every file in it (copying gave them all new times). */
export function markBuilt(dir: string, at = Date.now() + 60_000): number {
  writeFileSync(join(dir, 'engine', 'dist', 'build.json'), `${JSON.stringify({ builtAt: at })}\n`);
  return at;
}

/** `tiaoli ARGS` of the copy, run from the copy. */
export function tiaoliIn(dir: string, args: string[], input?: string): Run {
  const r = spawnSync(process.execPath, [join(dir, 'engine', 'cli', 'bin.js'), ...args], { cwd: dir, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
