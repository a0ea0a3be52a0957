// The Qujing rules loaded once per test file, and helpers to work on a copy of them.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { Decider, type CaseInput } from '../../engine/explain/decider.js';
import { loadInstruments, projectDecider } from '../../engine/project/instruments/load-instruments.js';

export const root = resolve(import.meta.dirname, '..', '..');
export const rulesDir = join(root, 'rules');

let decider: Decider | undefined;
export function qujing(): Decider {
  decider ??= new Decider(loadRegulationOrThrow(rulesDir));
  return decider;
}

let project: Decider | undefined;
/**
 * The Qujing project's decider as `tiaoli decide` makes it: each case under the instrument in
 * force on its date (rules/instruments.yaml; outside the measures' term, 《居住证暂行条例》).
 */
export function qujingProject(): Decider {
  if (!project) {
    const regulation = qujing().base;
    const loaded = loadInstruments(rulesDir, regulation, 'rules', new Map(), root);
    if (loaded.problems.length || loaded.fileProblems.length || loaded.unavailable.size) throw new Error('rules/instruments.yaml did not load');
    project = projectDecider(regulation, loaded);
  }
  return project;
}

export function decide(input: CaseInput) {
  return qujing().decide(input);
}

/** A scratch copy of rules/, edited by `edit(file, from, to)`. */
export function rulesCopy() {
  const dir = mkdtempSync(join(tmpdir(), 'tiaoli-rules-'));
  cpSync(rulesDir, dir, { recursive: true });
  return {
    dir,
    edit(file: string, from: string | RegExp, to: string): void {
      const path = join(dir, file);
      const text = readFileSync(path, 'utf8');
      const next = text.replace(from, to);
      if (next === text) throw new Error(`edit of ${file} changed nothing: ${String(from)}`);
      writeFileSync(path, next);
    },
    read: (file: string) => readFileSync(join(dir, file), 'utf8'),
  };
}
