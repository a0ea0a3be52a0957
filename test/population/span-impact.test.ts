// Issue 19 item 5 (2) and issue 22 item 4: a population spans the dates a change concerns.
// The file declares 2019; moving the measures' last day (inForceUntil) from 2022-10-08 to
// 2025-12-31 changes nothing in 2019, and the studio said "0 changed". The studio's impact
// workers (impact-shard.ts, run here in Node as two workers) now draw the population again
// over a span that covers the old and new dates, say so, and count the cases that change.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProject } from '../../engine/project/read-project.js';
import { checkPopulation } from '../../engine/project/population/check-population.js';
import { generatePopulation } from '../../engine/project/population/generate-population.js';
import { changeDates, coverDates } from '../../engine/project/population/population-span.js';
import { loadRegulationFiles } from '../../engine/model/build-regulation.js';
import { under } from '../../engine/project/check-project.js';
import { createImpactShard } from '../../studio/src/impact/impact-shard.js';
import { mergeImpact } from '../../studio/src/impact/merge-impact.js';
import type { ImpactResult } from '../../studio/src/impact/impact-types.js';
import { root } from '../support/regulation.js';
import { readSuperiorFiles } from '../../engine/server/superior-files.js';
import { tiaoli } from '../support/cli.js';

const FILE = 'rules/population/qujing-year.yaml';
const IN_FORCE = 'rules/parameters/in-force.yaml';
const files = Object.fromEntries(Object.entries(readProject({ rules: join(root, 'rules'), forms: join(root, 'forms'), cases: join(root, 'test/cases') }, (d) => d).files).filter(([p]) => p.startsWith('rules/')));
const edited = (path: string, from: string, to: string): Record<string, string> => {
  expect(files[path]).toContain(from);
  return { ...files, [path]: files[path].replace(from, to) };
};
const regulationOf = (f: Record<string, string>) => loadRegulationFiles('rules', under(f, 'rules'), 'rules').regulation!;
const superiors = readSuperiorFiles(root, files['rules/instruments.yaml'], regulationOf(files));
const SIZE = 1200;
const SEED = 5;

/** As impact-store.ts does it: each worker draws its share, keeps it, and compares; the answers merged. */
async function impactOf(working: Record<string, string>): Promise<ImpactResult> {
  const shards = [createImpactShard(), createImpactShard()];
  // as the studio sends them: the 条例's project, under which cases outside the measures' term are decided
  for (const s of shards) s.setSuperiors(superiors);
  const loads = shards.map((s, index) => s.generate(FILE, files[FILE], files, SIZE, SEED, { index, of: shards.length }));
  expect(loads.flatMap((l) => l.problems)).toEqual([]);
  let offset = 0;
  for (const [k, s] of shards.entries()) {
    s.commit('population', offset, loads[k].count);
    offset += loads[k].count;
  }
  const answer = mergeImpact(await Promise.all(shards.map((s) => s.impact('population', files, working))));
  expect(answer.kind).toBe('done');
  return answer as ImpactResult;
}

describe('the dates a change concerns', () => {
  const saved = regulationOf(files);
  const spans = [{ from: '2019-01-01', to: '2019-12-31' }];

  it('a date parameter moved: its old and its new value; the span covers both and the year after', () => {
    const dates = changeDates(saved, regulationOf(edited(IN_FORCE, '2017-10-09: 2022-10-08', '2017-10-09: 2025-12-31')), spans);
    expect(dates).toEqual(['2022-10-08', '2025-12-31']);
    expect(coverDates(spans, dates)).toEqual({ spans: [{ from: '2019-01-01', to: '2026-12-30' }], widened: true });
  });

  it('a value changed for every date the span has (2 photos → 1): nothing to widen; a value from a later day: that day', () => {
    const materials = 'rules/parameters/materials.yaml';
    expect(changeDates(saved, regulationOf(edited(materials, '    2017-10-09: 2\n', '    2017-10-09: 1\n')), spans)).toEqual([]);
    expect(changeDates(saved, regulationOf(edited(materials, '    2017-10-09: 2\n', '    2017-10-09: 2\n    2024-01-01: 1\n')), spans)).toEqual(['2024-01-01']);
    expect(changeDates(saved, saved, spans)).toEqual([]);
  });
});

describe("the studio's population impact over the dates a change concerns", () => {
  it('inForceUntil 2022-10-08 → 2025-12-31: the population is drawn again up to 2026, and the cases after 2022-10-08 change from the 条例\'s decisions to the measures\'', async () => {
    const result = await impactOf(edited(IN_FORCE, '2017-10-09: 2022-10-08', '2017-10-09: 2025-12-31'));
    expect(result).toMatchObject({ size: SIZE, widened: true, concerned: ['2022-10-08', '2025-12-31'], declared: { from: '2019-01-01', to: '2019-12-31' }, span: { from: '2019-01-01', to: '2026-12-30' } });
    expect(result.dates!.from >= '2019-01-01' && result.dates!.to > '2025-12-31').toBe(true);
    expect(result.changedCases).toBeGreaterThan(SIZE / 5);
    // measured under the instrument in force (as the counter decides): after 2022-10-08 the saved
    // rules leave the case to 《居住证暂行条例》 (受理, made within 15 days, art. 9), the edited
    // measures still govern it (当场制发, art. 13) — and refuse some the 条例 accepts
    const outcome = (before: string, after: string) => result.transitions.find((t) => t.decision === 'application' && t.field === 'outcome' && t.before === before && t.after === after);
    expect(outcome('"accept"', '"issueOnSpot"')!.count).toBeGreaterThan(SIZE / 50);
    expect(outcome('"accept"', '"ineligible"')!.count).toBeGreaterThan(0);
    // the same cases as `tiaoli population --from … --to …` (the span the panel names)
    const spec = checkPopulation(FILE, files[FILE], regulationOf(files)).spec!;
    const cli = tiaoli(['population', '--size', '20', '--seed', String(SEED), '--cover', '2022-10-08,2025-12-31']);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stderr).toContain('决定日期的范围扩大为 2019-01-01 至 2026-12-30');
    expect(cli.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual(generatePopulation(spec, { size: 20, seed: SEED, spans: [{ from: '2019-01-01', to: '2026-12-30' }] }));
  });

  it('no change: the declared year, nothing widened, and the answer says which dates it compared', async () => {
    const result = await impactOf(files);
    expect(result).toMatchObject({ size: SIZE, changedCases: 0, concerned: [] });
    expect(result.widened).toBeUndefined();
    expect(result.dates!.from.startsWith('2019-') && result.dates!.to.startsWith('2019-')).toBe(true);
  });
});
