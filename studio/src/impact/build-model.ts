// The studio's model worked out from a set of files: the project checked (checkProject) and
// every fixture decided under the instrument in force on its date, as the server decides them.
// Pure (no worker, no DOM): the model worker runs it, and tests compare it with the server.
import { checkProject } from '../../../engine/project/check-project.js';
import { instrumentsFromFiles, superiorRules, type SuperiorProjectFiles } from '../../../engine/project/instruments/instruments-from-files.js';
import { projectDecider } from '../../../engine/project/instruments/instrument-decider.js';
import { runFixtures, type FixtureResult } from '../../../engine/project/fixtures/run-fixtures.js';
import { slimFixture } from '../../../engine/project/fixtures/slim-fixture.js';
import type { Problem } from '../../../engine/core/source-file.js';
import type { Regulation } from '../../../engine/model/model.js';
import type { Office } from '../../../engine/project/offices/office-model.js';
import { blocksRules } from '../shared/rules-broken.js';

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

/** `decide`: how many of the fixtures to decide (all, unless only warming up: the check still reads every file). */
export async function buildProjectModel(files: Record<string, string>, today: string, unread: Problem[], superiors: SuperiorProjectFiles[] = [], decide = Infinity): Promise<BuiltModel> {
  // each case under the instrument in force on its date (rules/instruments.yaml), as the server and `tiaoli test`
  const rules = superiorRules(superiors);
  const superiorRegulations = [...rules.values()].flatMap((r) => (r.regulation ? [r.regulation] : []));
  const check = checkProject(files, today, superiorRegulations.length ? { superiors: superiorRegulations } : {});
  const loaded = check.regulation ? instrumentsFromFiles(files, check.regulation, superiors, rules) : undefined;
  const problems = [...unread, ...check.problems, ...(loaded?.problems ?? [])];
  const { regulation, offices } = check;
  const warnings = loaded?.warnings.length ? [...(check.warnings ?? []), ...loaded.warnings] : check.warnings;
  if (!regulation || !loaded || problems.some(blocksRules)) return { regulation, problems, fixtures: [], rulesBroken: true, offices, warnings };
  const decider = projectDecider(regulation, loaded);
  const fixtureFiles = Object.entries(files)
    .filter(([p]) => p.startsWith('test/cases/') && /\.ya?ml$/.test(p))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, text]) => ({ name, text }))
    .slice(0, decide);
  const fixtures = await runFixtures(decider, fixtureFiles);
  return { regulation, problems, fixtures: fixtures.map(slimFixture), rulesBroken: false, offices, warnings };
}
