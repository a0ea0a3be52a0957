// Which folders a command uses. A project folder (--project DIR, default: the current
// folder) holds rules/, forms/ and test/cases/; --rules and --forms override its parts.
// Without --project, a folder with no rules/regulation.yaml falls back to the package's own
// project, as before.
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRegulation } from '../model/load-regulation.js';
import { formatProblem } from '../core/source-file.js';
import type { Regulation } from '../model/model.js';

export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folder options every command takes. */
export interface ProjectOptions { project?: string; rules?: string; forms?: string }

/** The message for a --project that is not a folder, or undefined when it is (or is not given). */
export function projectProblem(project: string | undefined): string | undefined {
  if (project === undefined) return undefined;
  if (project.trim() === '') return '项目目录不能为空：--project 后面要给一个目录';
  if (!existsSync(project)) return `找不到项目目录：${project}`;
  if (!statSync(project).isDirectory()) return `项目目录不是一个目录：${project}`;
  return undefined;
}

export function rulesDir(options: ProjectOptions = {}): string {
  if (options.rules) return resolve(options.rules);
  if (options.project) return join(resolve(options.project), 'rules');
  const local = resolve('rules');
  if (existsSync(join(local, 'regulation.yaml'))) return local;
  return join(packageRoot, 'rules');
}

/**
 * The project folder other projects are named from (rules/instruments.yaml `project:`):
 * --project DIR; with --rules alone, the current folder (whose forms/ and test/cases/ go with
 * those rules); else the folder holding the rules.
 */
export function projectDir(options: ProjectOptions = {}): string {
  if (options.project) return resolve(options.project);
  if (options.rules) return resolve('.');
  return dirname(rulesDir(options));
}

/** Which forms folder: --forms DIR, else the project's forms/, else ./forms, else the package's own. */
export function formsDir(options: ProjectOptions = {}): string {
  if (options.forms) return resolve(options.forms);
  if (options.project) return join(resolve(options.project), 'forms');
  const local = resolve('forms');
  if (existsSync(join(local, 'common.yaml'))) return local;
  return join(packageRoot, 'forms');
}

/**
 * The fixtures `test`, `coverage` and `lint` run when given no paths: the project's
 * test/cases, named relative to the current folder (as paths given on the command line are).
 */
export function casesDir(options: ProjectOptions = {}): string {
  if (!options.project) return 'test/cases';
  return relative(process.cwd(), join(resolve(options.project), 'test', 'cases')) || '.';
}

/** The folder the studio serves: --root DIR, else --project DIR, else ./ when it has rules, else the package's own. */
export function serveRoot(options: { root?: string; project?: string }): string {
  if (options.root) return resolve(options.root);
  if (options.project) return resolve(options.project);
  return existsSync('rules/regulation.yaml') ? resolve('.') : packageRoot;
}

/** A folder as messages name it: relative to the current folder when inside it, else absolute. */
export function shownDir(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? dir : rel;
}

/** Says so (stderr) and returns true when a rules folder has no regulation.yaml. */
export function reportNoRules(dir: string): boolean {
  if (existsSync(join(dir, 'regulation.yaml'))) return false;
  process.stderr.write(`${shownDir(dir)}：没有 regulation.yaml，这不是一个规则目录（用 --project 或 --rules 指定）。\n`);
  return true;
}

/** The regulation, or undefined after printing every problem (file:line:column) to stderr. */
export function loadOrReport(options: ProjectOptions = {}): Regulation | undefined {
  const dir = rulesDir(options);
  if (reportNoRules(dir)) return undefined;
  const { regulation, problems } = loadRegulation(dir);
  if (problems.length || !regulation) {
    for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`规则有 ${problems.length} 处错误，未作决定。\n`);
    return undefined;
  }
  return regulation;
}
