// Loads a rules folder from disk (Node only); the building itself is build-regulation.ts,
// which the studio also runs in the browser.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ProblemsError } from './source-file.js';
import type { Regulation } from '../model.js';
import { loadRegulationFiles, type LoadResult, type RuleFiles } from './build-regulation.js';

export { loadRegulationFiles, rulesetHash, type LoadResult, type RuleFiles } from './build-regulation.js';

/** Every YAML and text file below a folder, as path relative to it → text. */
export function readTextFiles(dir: string, pattern = /\.(ya?ml|txt)$/): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (pattern.test(entry.name)) files.set(rel, readFileSync(join(dir, rel), 'utf8'));
    }
  };
  walk('');
  return files;
}

export function readRuleFiles(dir: string): RuleFiles {
  return readTextFiles(dir);
}

export function loadRegulation(dir: string): LoadResult {
  return loadRegulationFiles(dir, readRuleFiles(dir), relative(process.cwd(), dir) || '.');
}

/** Load or throw every problem found, each with its file:line:column. */
export function loadRegulationOrThrow(dir: string): Regulation {
  const { regulation, problems } = loadRegulation(dir);
  if (problems.length || !regulation) throw new ProblemsError(problems);
  return regulation;
}
