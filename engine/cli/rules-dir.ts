// Which rules folder a command uses: --rules DIR, else ./rules, else the package's own.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRegulation } from '../load/load-regulation.js';
import { formatProblem } from '../load/source-file.js';
import type { Regulation } from '../model.js';

export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function rulesDir(option?: string): string {
  if (option) return resolve(option);
  const local = resolve('rules');
  if (existsSync(join(local, 'regulation.yaml'))) return local;
  return join(packageRoot, 'rules');
}

/** The regulation, or undefined after printing every problem (file:line:column) to stderr. */
export function loadOrReport(option?: string): Regulation | undefined {
  const { regulation, problems } = loadRegulation(rulesDir(option));
  if (problems.length || !regulation) {
    for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`规则有 ${problems.length} 处错误，未作决定。\n`);
    return undefined;
  }
  return regulation;
}

/** Which forms folder: --forms DIR, else ./forms, else the package's own. */
export function formsDir(option?: string): string {
  if (option) return resolve(option);
  const local = resolve('forms');
  if (existsSync(join(local, 'common.yaml'))) return local;
  return join(packageRoot, 'forms');
}
