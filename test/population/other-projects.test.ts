// The national (《居住证暂行条例》) and Zhejiang (《浙江省流动人口居住登记条例》) projects each have
// a population file of their own (rules/population/year.yaml) for the impact panel and
// `tiaoli population --project`: it must draw cases their own case schema accepts, and a year
// of them must reach each main outcome in a substantial share, or the impact panel shows
// nothing when a rule about that outcome changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPopulation } from '../../engine/project/population/check-population.js';
import { generatePopulation } from '../../engine/project/population/generate-population.js';
import { checkCase } from '../../engine/model/case/validate-case.js';
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { Decider } from '../../engine/explain/decider.js';
import { root } from '../support/regulation.js';

const FILE = 'rules/population/year.yaml';

interface Expected {
  readonly dir: string;
  readonly years: readonly string[];
  /** decision.field → value → the least share of all cases with that value */
  readonly outcomes: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

const projects: readonly Expected[] = [
  {
    dir: 'projects/national-2016',
    years: ['2023', '2024', '2025'],
    outcomes: {
      'application.outcome': { accept: 0.2, notice: 0.03, ineligible: 0.06 },
      'endorsement.outcome': { endorse: 0.2, restore: 0.03, tooEarly: 0.01 },
      'replacement.outcome': { exchange: 0.01, reissue: 0.03 },
      'eligibility.otherCity': { true: 0.6, false: 0.05 },
    },
  },
  {
    dir: 'projects/zhejiang-2016',
    years: ['2019', '2020', '2021'],
    outcomes: {
      'registration.status': { registered: 0.6, due: 0.03, notApplicable: 0.03 },
      'application.outcome': { accept: 0.06, notice: 0.01, ineligible: 0.03 },
      'endorsement.outcome': { endorse: 0.06, reinstate: 0.01, tooEarly: 0.005, refuse: 0.005 },
      'reporting.status': { onTime: 0.02, late: 0.005, overdue: 0.005 },
      'change.status': { onTime: 0.02, late: 0.005 },
      'floating.value': { true: 0.8, false: 0.03 },
    },
  },
];

describe.each(projects)('$dir: its population file', ({ dir, years, outcomes }) => {
  const decider = new Decider(loadRegulationOrThrow(join(root, dir, 'rules')));
  const text = readFileSync(join(root, dir, FILE), 'utf8');
  const checked = checkPopulation(FILE, text, decider.regulation);
  const cases = checked.spec ? generatePopulation(checked.spec, { size: 1500, seed: 11 }) : [];

  it('passes the population check, says it is an assumption set, and draws valid cases over its years', () => {
    expect(checked.problems).toEqual([]);
    expect(text.split('\n')[0]).toContain('这是一组假设，不是法规');
    expect(cases).toHaveLength(1500);
    for (const c of cases) {
      expect(checkCase(decider.regulation, c).problems.map((p) => p.message), JSON.stringify(c)).toEqual([]);
    }
    expect(new Set(cases.map((c) => c.asOf.slice(0, 4)))).toEqual(new Set(years));
  });

  it('reaches each main outcome in a substantial share', async () => {
    const counts = new Map<string, number>();
    for (const c of cases) {
      const decisions = (await decider.decideFields(c)).decisions as Record<string, Record<string, unknown>>;
      for (const key of Object.keys(outcomes)) {
        const [decision, field] = key.split('.') as [string, string];
        const value = `${key}=${String(decisions[decision]?.[field])}`;
        counts.set(value, (counts.get(value) ?? 0) + 1);
      }
    }
    for (const [key, least] of Object.entries(outcomes)) {
      for (const [value, share] of Object.entries(least)) {
        const n = counts.get(`${key}=${value}`) ?? 0;
        expect(n / cases.length, `${key} = ${value}: ${n} of ${cases.length}`).toBeGreaterThanOrEqual(share);
      }
    }
  });
});
