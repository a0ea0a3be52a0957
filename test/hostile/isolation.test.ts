// A failing case never touches another (issue 7, item 6). json-rules-engine rejects a run
// on the first error but goes on evaluating in the background; on a shared engine that
// run then stopped the next case's rules half-way, and the case decided after a failing
// one got a wrong decision. Here: random interleavings of real fixtures and cases that
// fail (dates outside the working-day calendar's data, 2004–2026), each case's outcome
// equal to its outcome alone, through the Decider, `tiaoli decide --jsonl`, runFixtures
// (what `tiaoli test`, /api/fixtures/run and the studio's regression run) and `tiaoli test`.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { Decider, EvaluationError, type CaseInput } from '../../engine/explain/decider.js';
import { checkCase, parseCase } from '../../engine/model/case/validate-case.js';
import { findFixtureFiles } from '../../engine/project/fixtures/find-fixtures.js';
import { runFixture, runFixtures, type FixtureResult } from '../../engine/project/fixtures/run-fixtures.js';
import { root, rulesCopy, rulesDir } from '../support/regulation.js';
import { loadInstruments, projectDecider } from '../../engine/project/instruments/load-instruments.js';
import { tiaoli } from '../support/cli.js';

const regulation = loadRegulationOrThrow(rulesDir);
// the project's decider, as `tiaoli test` and `decide` make it: each case under the instrument in
// force on its date (rules/instruments.yaml); a fresh one decides a case alone
const instruments = loadInstruments(rulesDir, regulation, 'rules', new Map(), root);
const projectDeciderFresh = (): Decider => projectDecider(regulation, instruments);

interface Fixture { name: string; text: string; input: CaseInput }
const fixtures: Fixture[] = findFixtureFiles([join(root, 'test', 'cases')]).map((file) => {
  const name = file.slice(root.length + 1);
  const text = readFileSync(file, 'utf8');
  const parsed = parseCase(regulation, text, name).case!;
  return { name, text, input: { name: parsed.name, asOf: parsed.asOf, facts: parsed.facts } };
});

const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);

/**
 * A case whose registration or reporting deadline falls in a year the working-day
 * calendar lacks: an arrival (art. 10 ¶1) or a contract (art. 10 ¶2) on such a day, decided
 * a few days later, by a person from another province living in Qilin district.
 */
const failingCase: fc.Arbitrary<CaseInput> = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1950, max: 2003 }), fc.integer({ min: 2027, max: 2099 })),
    month: fc.integer({ min: 0, max: 11 }),
    day: fc.integer({ min: 1, max: 28 }),
    later: fc.integer({ min: 0, max: 40 }),
    kind: fc.constantFrom('arrival', 'contract'),
  })
  .map(({ year, month, day, later, kind }) => {
    const date = new Date(Date.UTC(year, month, day));
    const when = iso(date.getTime());
    const asOf = iso(date.getTime() + later * 86_400_000);
    const residence = { county: '530302', township: '寥廓街道', townshipKind: 'street', arrivedOn: kind === 'arrival' ? when : iso(date.getTime() - 86_400_000) };
    const facts: Record<string, unknown> = { hukou: { county: '510104' }, residence };
    if (kind === 'contract') facts.contract = { signedOn: when };
    // the measures' own rules decide it (outside their term too), so that the calendar is what fails
    return { name: `${kind} ${when}`, asOf, facts, readings: { 'outside-the-measures': 'notInForce' } };
  });

type Item = { good: number } | { bad: CaseInput };
const sequence = (min: number, max: number): fc.Arbitrary<Item[]> =>
  fc.array(fc.oneof(fc.nat({ max: fixtures.length - 1 }).map((good) => ({ good })), failingCase.map((bad) => ({ bad }))), { minLength: min, maxLength: max });
const inputOf = (item: Item): CaseInput => ('good' in item ? fixtures[item.good].input : item.bad);

/** What deciding a case gives: the document, or the error's message. */
async function outcome(decider: Decider, input: CaseInput): Promise<string> {
  try {
    return JSON.stringify(await decider.decide(input));
  } catch (e) {
    expect(e).toBeInstanceOf(EvaluationError);
    return `error: ${(e as Error).message}`;
  }
}

const aloneCache = new Map<string, string>();
const aloneProjectCache = new Map<string, string>();
/** The outcome of a case decided alone by a fresh project decider (what `tiaoli decide` gives). */
async function aloneInProject(input: CaseInput): Promise<string> {
  const key = JSON.stringify(input);
  if (!aloneProjectCache.has(key)) aloneProjectCache.set(key, await outcome(projectDeciderFresh(), input));
  return aloneProjectCache.get(key)!;
}
/** The outcome of a case decided alone, by a Decider that has decided nothing else. */
async function alone(input: CaseInput): Promise<string> {
  const key = JSON.stringify(input);
  if (!aloneCache.has(key)) aloneCache.set(key, await outcome(new Decider(regulation), input));
  return aloneCache.get(key)!;
}

const failuresSeen = { count: 0 };

describe('a failing case never touches another', () => {
  it('the case decided after a date outside the calendar gets the decision it gets alone', async () => {
    const good = fixtures.find((f) => f.name.includes('10-registration'))!.input;
    const bad: CaseInput = { asOf: '2030-03-05', facts: { hukou: { county: '510104' }, residence: { county: '530302', arrivedOn: '2030-03-01' } } };
    const decider = new Decider(regulation);
    await expect(decider.decide(bad)).rejects.toThrow(/工作日历没有 2030 年/);
    expect(JSON.stringify(await decider.decide(good))).toBe(await alone(good));
  });

  it('the case decided after a rule conflict gets the decision it gets alone', async () => {
    const copy = rulesCopy();
    copy.edit('articles/01-04-general-provisions.yaml', '    overrides: [floating-across-townships]\n', '');
    const conflicting = loadRegulationOrThrow(copy.dir);
    const conflict: CaseInput = {
      asOf: '2019-09-16',
      facts: { hukou: { county: '530302', township: '南宁街道', townshipKind: 'street' }, residence: { county: '530302', township: '寥廓街道', townshipKind: 'street' } },
    };
    const good = fixtures.find((f) => f.name.includes('10-registration'))!.input;
    const decider = new Decider(conflicting);
    const expected = await outcome(new Decider(conflicting), good);
    await expect(decider.decide(conflict)).rejects.toThrow(/规则冲突/);
    expect(await outcome(decider, good)).toBe(expected);
  });

  it('Decider: random interleavings, one after another or all queued at once, each outcome as alone', async () => {
    await fc.assert(
      fc.asyncProperty(sequence(2, 30), fc.boolean(), async (items, queued) => {
        const decider = new Decider(regulation);
        const inputs = items.map(inputOf);
        const got: string[] = [];
        if (queued) got.push(...(await Promise.all(inputs.map((input) => outcome(decider, input)))));
        else for (const input of inputs) got.push(await outcome(decider, input));
        for (const [i, input] of inputs.entries()) {
          const expected = await alone(input);
          if (expected.startsWith('error:')) failuresSeen.count += 1;
          expect(got[i]).toBe(expected);
        }
      }),
      { numRuns: 40 },
    );
    expect(failuresSeen.count).toBeGreaterThan(60);
  }, 300_000);

  it('runFixtures (tiaoli test, /api/fixtures/run, the studio\'s regression): each fixture as alone', async () => {
    const asFixture = (item: Item, i: number): { name: string; text: string } => {
      if ('good' in item) return { name: `${i}-${fixtures[item.good].name}`, text: fixtures[item.good].text };
      return { name: `${i}-failing.yaml`, text: stringify({ ...item.bad, expect: { 'registration.status': 'overdue' } }) };
    };
    const strip = (r: FixtureResult): FixtureResult => ({ ...r, file: r.file.replace(/^\d+-/, '') });
    const aloneResult = async (f: { name: string; text: string }): Promise<FixtureResult> => strip(await runFixture(projectDeciderFresh(), f.name, f.text));
    await fc.assert(
      fc.asyncProperty(sequence(2, 25), async (items) => {
        const list = items.map(asFixture);
        const results = await runFixtures(projectDeciderFresh(), list);
        for (const [i, f] of list.entries()) {
          expect(strip(results[i])).toEqual(await aloneResult(f));
          if ('good' in items[i]) expect(results[i].passed).toBe(true);
        }
      }),
      { numRuns: 15 },
    );
  }, 300_000);

  it('runFixtures: a fixture the reader cannot take (a YAML alias bomb) fails alone, with its file named', async () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, d) => `${'bcdefghi'[d]}: &${'bcdefghi'[d]} [${Array(9).fill(`*${'abcdefgh'[d]}`).join(', ')}]`)];
    const bomb = { name: 'test/cases/bomb.yaml', text: `asOf: 2019-09-16\nfacts: {}\nexpect: { floating.value: true }\n${laughs.join('\n')}\n` };
    const [before, failed, after] = await runFixtures(new Decider(regulation), [fixtures[0], bomb, fixtures[1]]);
    expect(failed.passed).toBe(false);
    expect(failed.error).toMatch(/^test\/cases\/bomb\.yaml:\d+:\d+: /);
    expect(before.passed && after.passed).toBe(true);
  });

  it('tiaoli decide --jsonl: a failing line is an error line, and every other line is decided as alone', async () => {
    await fc.assert(
      fc.asyncProperty(sequence(40, 60), async (items) => {
        const inputs = items.map(inputOf);
        const run = tiaoli(['decide', '--jsonl'], inputs.map((input) => JSON.stringify(input)).join('\n') + '\n');
        const lines = run.stdout.trimEnd().split('\n');
        expect(lines).toHaveLength(inputs.length);
        let errors = 0;
        for (const [i, input] of inputs.entries()) {
          const out = JSON.parse(lines[i]) as { error?: string };
          const checked = checkCase(regulation, JSON.parse(JSON.stringify(input)));
          const expected = checked.case ? await aloneInProject(checked.case) : `error: ${checked.problems[0].message}`;
          if (expected.startsWith('error:')) {
            errors += 1;
            expect(out.error).toMatch(new RegExp(`^第 ${i + 1} 行：`));
          } else {
            expect(lines[i]).toBe(expected);
          }
        }
        expect(run.status).toBe(errors ? 1 : 0);
      }),
      { numRuns: 2 },
    );
  }, 300_000);

  it('tiaoli test: a failing fixture is reported as failed with its error, and the rest still pass', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiaoli-isolation-'));
    const goods = fixtures.filter((_, i) => i % 8 === 0);
    const bad = (year: number): string =>
      stringify({ asOf: `${year}-03-05`, readings: { 'outside-the-measures': 'notInForce' }, facts: { hukou: { county: '510104' }, residence: { county: '530302', arrivedOn: `${year}-03-01` } }, expect: { 'registration.status': 'overdue' } });
    goods.forEach((f, i) => {
      writeFileSync(join(dir, `${String(i).padStart(2, '0')}-a-failing.yaml`), bad(2027 + i));
      writeFileSync(join(dir, `${String(i).padStart(2, '0')}-b-good.yaml`), f.text);
    });
    const run = tiaoli(['test', dir]);
    expect(run.stdout).toContain(`${goods.length} passed, ${goods.length} failed`);
    expect(run.stdout.match(/✗ .*-a-failing\.yaml/g)).toHaveLength(goods.length);
    expect(run.stdout).not.toMatch(/✗ .*-b-good\.yaml/);
    // each failing fixture says why (today: the calendar lacks the year)
    expect(run.stdout.match(/✗ .*-a-failing\.yaml\n.*\n {2}.*20[2-9]\d/g)).toHaveLength(goods.length);
    expect(run.status).toBe(1);
  }, 300_000);
});
