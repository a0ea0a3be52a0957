// The studio's model, built off the main thread: the project checked (checkProject: rules,
// forms, print templates, fixtures) and every fixture decided, in a worker, so the page keeps
// answering keystrokes while the rules are rebuilt. Only plain data comes back: the
// regulation (a plain record), the problems and the fixtures' results with a slim trace.
import * as Comlink from 'comlink';
import { checkProject } from '../../../engine/project/check-project.js';
import { Decider } from '../../../engine/explain/decider.js';
import { runFixtures, type FixtureResult } from '../../../engine/project/fixtures/run-fixtures.js';
import { isRuleTrace, type Because, type ConditionNode, type RuleTrace } from '../../../engine/explain/trace-types.js';
import type { Problem } from '../../../engine/core/source-file.js';
import type { Regulation } from '../../../engine/model/model.js';
import type { Office } from '../../../engine/project/offices/office-model.js';

export interface BuiltModel {
  regulation?: Regulation;
  problems: Problem[];
  fixtures: FixtureResult[];
  /** the rules have errors: no fixture was run */
  rulesBroken: boolean;
  /** the issuing offices (forms/offices.yaml), and what of them is unconfirmed */
  offices?: Map<string, Office>;
  warnings?: Problem[];
}

/** Population files are assumptions, not rules: their errors do not stop the fixtures. */
export const blocksRules = (p: Problem): boolean => p.location.file.startsWith('rules/') && !p.location.file.startsWith('rules/population/');

const NO_CONDITIONS: ConditionNode = { all: [] } as unknown as ConditionNode;

/**
 * A fixture's document with only the rules that fired (what coverage reads): a full trace is
 * about 100 KB a case, and the trace page decides its case again, with the whole trace.
 */
function slim(result: FixtureResult): FixtureResult {
  if (!result.document) return result;
  const decisions = Object.fromEntries(Object.entries(result.document.decisions).map(([name, d]) => [name, {
    ...d,
    because: (d.because ?? []).filter((b) => isRuleTrace(b) && b.result === 'fired').map((r): Because => ({ ...(r as RuleTrace), conditions: NO_CONDITIONS, derived: [], sets: undefined })),
  }]));
  return { ...result, document: { ...result.document, decisions } };
}

const api = {
  async build(files: Record<string, string>, today: string, unread: Problem[]): Promise<BuiltModel> {
    const check = checkProject(files, today);
    const problems = [...unread, ...check.problems];
    const { regulation, offices, warnings } = check;
    if (!regulation || problems.some(blocksRules)) return { regulation, problems, fixtures: [], rulesBroken: true, offices, warnings };
    const decider = new Decider(regulation);
    const fixtureFiles = Object.entries(files)
      .filter(([p]) => p.startsWith('test/cases/') && /\.ya?ml$/.test(p))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, text]) => ({ name, text }));
    const fixtures = await runFixtures(decider, fixtureFiles);
    return { regulation, problems, fixtures: fixtures.map(slim), rulesBroken: false, offices, warnings };
  },
};

export type ModelApi = typeof api;
Comlink.expose(api);
