// The decider of the project a command runs on: its regulation, and when rules/instruments.yaml
// declares instruments, each case decided under the one in force on its date. Every problem
// is printed (file:line:column) and the command decides nothing.
import { formatProblem } from '../core/source-file.js';
import type { Decider, DeciderOptions } from '../explain/decider.js';
import type { Regulation } from '../model/model.js';
import { loadInstruments, projectDecider, type LoadedInstruments } from '../project/instruments/load-instruments.js';
import { projectDir, rulesDir, shownDir, type ProjectOptions } from './rules-dir.js';

export interface ProjectDecider { decider: Decider; instruments: LoadedInstruments }

export function loadProjectDecider(regulation: Regulation, options: ProjectOptions, deciderOptions: DeciderOptions = {}): ProjectDecider | undefined {
  const dir = rulesDir(options);
  const instruments = loadInstruments(dir, regulation, shownDir(dir), new Map(), projectDir(options));
  const problems = [...instruments.fileProblems, ...instruments.problems];
  if (problems.length) {
    for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(`规范性文件清单有 ${problems.length} 处错误，未作决定。\n`);
    return undefined;
  }
  return { decider: projectDecider(regulation, instruments, deciderOptions), instruments };
}
