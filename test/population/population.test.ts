// Issue 11 item 5: a synthetic year of counter traffic from rules/population/qujing-year.yaml.
// Every case is valid by the case schema, the same seed gives the same year, the shares in
// the file are the shares in the year, and `tiaoli population | tiaoli decide --jsonl` works.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPopulation } from '../../engine/project/population/check-population.js';
import { generatePopulation } from '../../engine/project/population/generate-population.js';
import type { PopulationSpec } from '../../engine/project/population/population-spec.js';
import { checkCase } from '../../engine/model/case/validate-case.js';
import { checkProject } from '../../engine/project/check-project.js';
import { readProject } from '../../engine/project/read-project.js';
import { qujing, root } from '../support/regulation.js';
import { tiaoli } from '../support/cli.js';

const FILE = 'rules/population/qujing-year.yaml';
const text = readFileSync(join(root, FILE), 'utf8');
const spec = (source = text): PopulationSpec => {
  const checked = checkPopulation(FILE, source, qujing().regulation);
  expect(checked.problems).toEqual([]);
  return checked.spec!;
};
const serviceOf = (facts: Record<string, unknown>): string =>
  ['application', 'endorsement', 'replacement', 'addressChange'].find((s) => s in facts) ?? 'registration';

describe('the population file', () => {
  it('is checked by lint (checkProject) with the rest of the project, and says it is an assumption set', () => {
    const { files } = readProject({ rules: join(root, 'rules'), forms: join(root, 'forms'), cases: join(root, 'test/cases') }, (d) => d);
    expect(Object.keys(files)).toContain(FILE);
    expect(checkProject(files, '2019-06-01').problems.filter((p) => p.location.file.startsWith('rules/population/'))).toEqual([]);
    expect(text.split('\n')[0]).toContain('这是一组假设，不是法规');
  });

  it('does not change the ruleset: decisions do not depend on it', () => {
    const { files } = readProject({ rules: join(root, 'rules'), forms: join(root, 'forms'), cases: join(root, 'test/cases') }, (d) => d);
    const before = checkProject(files, '2019-06-01').regulation!.ruleset;
    const changed = { ...files, [FILE]: text.replace('seed: 20190101', 'seed: 5') };
    expect(checkProject(changed, '2019-06-01').regulation!.ruleset).toBe(before);
  });

  it('a share changed so the group no longer sums to 1 is an error at its line', () => {
    const { files } = readProject({ rules: join(root, 'rules'), forms: join(root, 'forms'), cases: join(root, 'test/cases') }, (d) => d);
    const broken = { ...files, [FILE]: text.replace('application: 0.42', 'application: 0.52') };
    const problems = checkProject(broken, '2019-06-01').problems.filter((p) => p.code === 'population.shareSum');
    const line = text.split('\n').findIndex((l) => l.includes('application: 0.42')) + 1; // the group's first share
    expect(problems).toEqual([expect.objectContaining({ message: 'draw.service.shares：各项比例之和应为 1，现为 1.1', location: expect.objectContaining({ file: FILE, line }) })]);
  });
});

describe('a synthetic year', () => {
  const year = generatePopulation(spec(), { size: 3000, seed: 7 });

  it('every case is valid by the case schema, decided on a working day of the year in the file', () => {
    for (const c of year) {
      const checked = checkCase(qujing().regulation, c);
      expect(checked.problems.map((p) => p.message), JSON.stringify(c)).toEqual([]);
      expect(c.asOf.startsWith('2019-')).toBe(true);
      expect([0, 6]).not.toContain(new Date(`${c.asOf}T00:00:00Z`).getUTCDay());
    }
  });

  it('the same seed gives the same year; another seed another', () => {
    expect(generatePopulation(spec(), { size: 3000, seed: 7 })).toEqual(year);
    expect(generatePopulation(spec(), { size: 50, seed: 8 })).not.toEqual(year.slice(0, 50));
  });

  it('the services come in the shares the file gives (42 % applications, 30 % endorsements …)', () => {
    const big = generatePopulation(spec(), { size: 20_000, seed: 1 });
    const share = (s: string) => big.filter((c) => serviceOf(c.facts) === s).length / big.length;
    expect(share('application')).toBeCloseTo(0.42, 1);
    expect(share('endorsement')).toBeCloseTo(0.30, 1);
    expect(share('registration')).toBeCloseTo(0.18, 1);
    // children apply through an agent (agents.minors: 0.92)
    const children = big.filter((c) => serviceOf(c.facts) === 'application' && Number(String((c.facts.person as { idNumber: string }).idNumber).slice(6, 10)) >= 2004);
    expect(children.length).toBeGreaterThan(100);
  });

  it('policy staff change an assumption and the year follows: only applications, everyone brings one photo', () => {
    const changed = text
      .replace(/ {4}shares:\n( {6}\w+: [0-9.]+ +#.*\n)+/, '    shares:\n      application: 1\n')
      .replace('value: { shares: { "2": 0.91, "1": 0.07, "0": 0.02 } }', 'value: { shares: { "1": 1 } }');
    expect(changed).not.toContain('endorsement: 0.30');
    const cases = generatePopulation(spec(changed), { size: 500, seed: 3 });
    expect(cases.every((c) => serviceOf(c.facts) === 'application')).toBe(true);
    expect(cases.every((c) => (c.facts.application as { materials: Record<string, number> }).materials.photo === 1)).toBe(true);
  });

  it('is browser-safe TypeScript: no node: import in engine/project/population', () => {
    const dir = join(root, 'engine/project/population');
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/from ['"]node:/);
  });
});

describe('tiaoli population', () => {
  it('prints N cases a line, the same as the generator, which decide --jsonl replays without an error', () => {
    const run = tiaoli(['population', '--size', '40', '--seed', '9']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(generatePopulation(spec(), { size: 40, seed: 9 }));
    const decided = tiaoli(['decide', '--jsonl', '--brief'], run.stdout);
    expect(decided.status).toBe(0);
    const docs = decided.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(docs).toHaveLength(40);
    expect(docs.every((d) => d.decisions.application.outcome)).toBe(true);
  });
});
