import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './regulation.js';

export interface Run { status: number | null; stdout: string; stderr: string }

/** Runs `tiaoli ARGS` as a user would, from the project folder. */
export function tiaoli(args: string[], input?: string): Run {
  const r = spawnSync(process.execPath, [join(root, 'engine', 'cli', 'bin.js'), ...args], { cwd: root, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
