// 计算各读法的影响 off the main thread: the project's decider made from its files (under the
// instrument in force, as the model worker makes it), every fixture decided under its own
// readings and again under each alternative, with progress. Cancelling ends the worker.
import * as Comlink from 'comlink';
import { checkProject } from '../../../engine/project/check-project.js';
import { instrumentsFromFiles, superiorRules, type SuperiorProjectFiles } from '../../../engine/project/instruments/instruments-from-files.js';
import { projectDecider } from '../../../engine/project/instruments/instrument-decider.js';
import { readingImpact, type ReadingImpact, type ReadingImpactProgress } from '../../../engine/project/fixtures/reading-impact.js';
import { blocksRules } from '../shared/rules-broken.js';

async function run(files: Record<string, string>, today: string, superiors: SuperiorProjectFiles[], progress: ReadingImpactProgress): Promise<ReadingImpact[]> {
  const rules = superiorRules(superiors);
  const superiorRegulations = [...rules.values()].flatMap((r) => (r.regulation ? [r.regulation] : []));
  const check = checkProject(files, today, superiorRegulations.length ? { superiors: superiorRegulations } : {});
  const loaded = check.regulation ? instrumentsFromFiles(files, check.regulation, superiors, rules) : undefined;
  if (!check.regulation || !loaded || [...check.problems, ...loaded.problems].some(blocksRules)) throw new Error('规则有错误，不能计算各读法的影响');
  const fixtures = Object.entries(files).filter(([p]) => p.startsWith('test/cases/') && /\.ya?ml$/.test(p)).sort(([a], [b]) => a.localeCompare(b)).map(([name, text]) => ({ name, text }));
  return readingImpact(projectDecider(check.regulation, loaded), fixtures, progress);
}

const api = { run };
export type ReadingImpactApi = typeof api;
Comlink.expose(api);
