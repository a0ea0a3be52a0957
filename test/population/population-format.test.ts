// Issue 19 item 5: a population file describes distributions over its own project's facts.
// The generator reads the project's case schema, not one city's: a project whose cases have
// other facts gets cases valid by its own schema, and lint names at file:line:column what
// its case schema would refuse (an unknown fact, a bad code, a constant of the wrong type).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPopulation } from '../../engine/project/population/check-population.js';
import { generatePopulation } from '../../engine/project/population/generate-population.js';
import { checkCase } from '../../engine/model/case/validate-case.js';
import type { Regulation } from '../../engine/model/model.js';
import { qujing, root } from '../support/regulation.js';
import { starterPopulation } from '../../engine/project/population/starter-population.js';
import { projectCopy } from '../support/project-copy.js';
import { tiaoli } from '../support/cli.js';

// Another project's cases: a Zhejiang-style residence registration (《浙江省流动人口居住登记条例》),
// with facts the Qujing schema does not have. Only what checkPopulation reads of a regulation.
const other = {
  caseSchema: {
    type: 'object', required: ['asOf', 'facts'], additionalProperties: false,
    properties: {
      name: { type: 'string' }, asOf: { calendarDate: true },
      facts: {
        type: 'object', additionalProperties: false,
        properties: {
          resident: {
            type: 'object', additionalProperties: false,
            properties: {
              idNumber: { type: 'string', residentId: true },
              reason: { enum: ['work', 'study', 'family'] },
              arrivedOn: { calendarDate: true },
              registeredOn: { calendarDate: true },
              householdSize: { type: 'integer', minimum: 1 },
              origin: { type: 'string', pattern: '^[1-8][0-9]{5}$' },
            },
          },
          visits: { type: 'array', items: { calendarDate: true } },
          documents: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 }, propertyNames: { enum: ['idCard', 'lease', 'photo'] } },
          declared: { type: 'boolean' },
        },
      },
    },
  },
  vocabulary: { lists: {}, facts: {} },
  dateOrders: [],
} as unknown as Regulation;

const FILE = 'rules/population/registrations.yaml';
const registrations = `population:
  label: 居住登记（合成）
  years: [2021, 2023]
  days: everyDay
  size: 100
  seed: 4
facts:
  draw.kind: { shares: { work: 0.6, study: 0.3, family: 0.1 } }
  resident.reason: { value: { fact: draw.kind } }
  resident.origin: { shares: { "330102": 0.5, "510104": 0.5 } }
  draw.age: { bands: [{ from: 18, to: 30, share: 0.5 }, { from: 31, to: 60, share: 0.5 }] }
  draw.born: { date: { fact: asOf }, minus: { years: { fact: draw.age }, days: { between: { from: 1, to: 300 } } } }
  resident.idNumber: { residentId: { region: { fact: resident.origin }, birthDate: { fact: draw.born } } }
  resident.arrivedOn: { date: { fact: asOf }, minus: { days: { between: { from: 0, to: 200 } } } }
  resident.registeredOn:
    when: { all: [{ fact: resident.reason, operator: notEqual, value: family }] }
    date: { fact: resident.arrivedOn }
    plus: { days: { between: { from: 0, to: 60 } } }
    atMost: { fact: asOf }
  resident.householdSize:
    - { when: { all: [{ fact: draw.age, operator: lessThan, value: 25 }] }, value: 1 }
    - { shares: { "1": 0.3, "2": 0.3, "3": 0.4 } }
  visits: { series: { after: { fact: resident.arrivedOn }, every: { days: 30 }, before: { fact: asOf }, most: 3 } }
  documents:
    entries:
      - { key: idCard, value: 1, probability: 0.9 }
      - { key: photo, value: { oneOf: [0, 1, 2] } }
      - { key: lease, value: 1, when: { all: [{ fact: draw.kind, operator: equal, value: work }] } }
  declared: { chance: 0.5 }
`;

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('a population file of another project', () => {
  const checked = checkPopulation(FILE, registrations, other);

  it('passes lint against its own case schema, and every case it draws is valid by it', () => {
    expect(checked.problems).toEqual([]);
    const cases = generatePopulation(checked.spec!, { size: 300, seed: 1 });
    for (const c of cases) expect(checkCase(other, c).problems, JSON.stringify(c)).toEqual([]);
    // the years of the span, weekends included (days: everyDay)
    expect(new Set(cases.map((c) => c.asOf.slice(0, 4)))).toEqual(new Set(['2021', '2023']));
    expect(cases.some((c) => [0, 6].includes(new Date(`${c.asOf}T00:00:00Z`).getUTCDay()))).toBe(true);
    // dependent facts: a family member is not registered, household sizes read as numbers, a document map
    const family = cases.filter((c) => (c.facts.resident as { reason: string }).reason === 'family');
    expect(family.length).toBeGreaterThan(0);
    expect(family.every((c) => (c.facts.resident as Record<string, unknown>).registeredOn === undefined)).toBe(true);
    expect(cases.every((c) => typeof (c.facts.resident as { householdSize: unknown }).householdSize === 'number')).toBe(true);
    expect(cases.some((c) => (c.facts.visits as string[]).length === 3)).toBe(true);
    expect(cases.every((c) => (c.facts.visits as string[]).every((v) => v < c.asOf))).toBe(true);
  });

  it("Qujing's file against this project: each fact its schema lacks named at its line", () => {
    const qujing = readFileSync(join(root, 'rules/population/qujing-year.yaml'), 'utf8');
    const problems = checkPopulation(FILE, qujing, other).problems.filter((p) => p.code === 'population.unknownFact');
    expect(problems.map((p) => p.message)).toContain('案件 Schema（rules/case.schema.yaml）中没有事实 hukou.county');
    const p = problems.find((x) => x.message.endsWith('hukou.county'))!;
    expect(p.location).toMatchObject({ file: FILE, line: lineOf(qujing, '  hukou.county:'), column: 3 });
  });

  it('a code or constant the schema refuses: at its line, before any case is drawn', () => {
    const bad = (from: string, to: string) => {
      const text = registrations.replace(from, to);
      expect(text).not.toBe(registrations);
      const [p] = checkPopulation(FILE, text, other).problems;
      expect(p, to).toBeDefined();
      expect(p.location.line, to).toBe(lineOf(text, to.split('\n')[0].trim()));
      return p.message;
    };
    expect(bad('"330102": 0.5', '"33010": 0.5')).toMatch(/resident\.origin\.shares\.33010：33010 不是案件 Schema 允许的值/);
    expect(bad('{ key: lease, value: 1,', '{ key: leases, value: 1,')).toMatch(/leases 不是案件 Schema 允许的名称/);
    expect(bad('"3": 0.4', 'three: 0.4')).toMatch(/three 应为数/);
    expect(bad('declared: { chance: 0.5 }', 'declared: { value: 0.5 }')).toMatch(/0\.5 不是案件 Schema 允许的值（应为是或否）/);
  });

  it('a value only some cases draw wrong is found in a sample of the cases, at the step that drew it', () => {
    // a helper (draw.kind) has no schema; the fact it is copied into does
    const misspelt = registrations.replace('work: 0.6, study', 'work: 0.6, stdy');
    const [q] = checkPopulation(FILE, misspelt, other).problems;
    expect(q.message).toMatch(/^facts\.resident\.reason：抽取的第 \d+ 个案件不符合案件 Schema.*应为以下之一：work、study、family/);
    expect(q.location.line).toBe(lineOf(misspelt, 'resident.reason:'));
    // the reason copied into a boolean fact: no constant to check, the drawn cases show it
    const text = registrations.replace('declared: { chance: 0.5 }', 'declared: { value: { fact: draw.kind } }');
    const [p] = checkPopulation(FILE, text, other).problems;
    expect(p.code).toBe('population.sample');
    expect(p.message).toMatch(/^facts\.declared：抽取的第 1 个案件不符合案件 Schema/);
    expect(p.location.line).toBe(lineOf(text, 'declared: { value'));
  });
});

describe('a project with no population file', () => {
  it('tiaoli population says which file to write, and --starter writes one from the case schema that lint passes and draws valid cases', () => {
    const dir = projectCopy();
    try {
      rmSync(join(dir, 'rules/population'), { recursive: true });
      const none = tiaoli(['population', '--size', '3', '--project', dir]);
      expect(none.status).toBe(1);
      expect(none.stderr).toMatch(/没有 \.yaml 文件）：写一个 \S*rules\/population\/year\.yaml（tiaoli population --starter > /);
      const starter = tiaoli(['population', '--starter', '--project', dir]);
      expect(starter.status, starter.stderr).toBe(0);
      expect(starter.stdout.split('\n')[0]).toContain('这是一组假设，不是法规');
      mkdirSync(join(dir, 'rules/population'));
      writeFileSync(join(dir, 'rules/population/year.yaml'), starter.stdout);
      // (population checks the file as lint does, and refuses one with a problem)
      const cases = tiaoli(['population', '--size', '50', '--project', dir]);
      expect(cases.status, cases.stderr).toBe(0);
      for (const line of cases.stdout.trim().split('\n')) expect(checkCase(qujing().regulation, JSON.parse(line)).problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the starter of another project's schema: its yes/no, lists, numbers, dates and code maps, valid by that schema", () => {
    const text = starterPopulation(other.caseSchema as Record<string, unknown>, { label: '居住登记（合成）', year: 2024 });
    const checked = checkPopulation(FILE, text, other);
    expect(checked.problems).toEqual([]);
    expect(text).toMatch(/resident\.reason: \{ shares: \{ "work": 0\.3333, "study": 0\.3333, "family": 0\.3334 \} \}/);
    expect(text).toMatch(/^# {3}resident\.idNumber$/m); // left for the author, named
    const cases = generatePopulation(checked.spec!, { size: 200 });
    for (const c of cases) expect(checkCase(other, c).problems).toEqual([]);
    expect(cases.every((c) => c.asOf.startsWith('2024-'))).toBe(true);
    expect(cases.some((c) => Object.keys(c.facts.documents as object).length > 0)).toBe(true);
  });
});
