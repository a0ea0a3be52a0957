// The compiled rules — run as generated source (engine/evaluate/compiled/generate-rules.ts),
// the default — against json-rules-engine, the reference: the whole decision document,
// `because` included (as JSON, key order included), or the same error, for every fixture
// in test/cases and for 2,000 generated cases (seeded: every service, other readings,
// edge dates, children and the elderly) — and 20,000 of those cases, decided by the compiled
// path alone, reach every rule. `npm run bench` compares 200,000 (BENCH_DIFF_CASES).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { findFixtureFiles } from '../../engine/project/fixtures/find-fixtures.js';
import { parseSource } from '../../engine/core/source-file.js';
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { generateCases } from '../bench/generate-cases.js';
import { checkCase } from '../../engine/model/case/validate-case.js';
import { root, rulesDir } from '../support/regulation.js';
import { bothEngines, difference, readingChoices, ruleCoverage } from './both-engines.js';

const regulation = loadRegulationOrThrow(rulesDir);
const engines = bothEngines(regulation);
const GENERATED = Number(process.env.TIAOLI_DIFF_CASES ?? 2_000);
/** compared again without the trace */
const UNTRACED = GENERATED;
/** decided by the compiled path alone, to show the generated cases reach every rule */
const COVERAGE = 20_000;
/**
 * cases for the two entry points that write a decision without the trace (decideFields,
 * decideText), each compared with the whole decision: half the differential's, ten times as
 * many under `npm run fuzz` (TIAOLI_DIFF_CASES=20000)
 */
const ENTRY_POINTS = Math.max(1_000, GENERATED / 2);

interface Compared { compared: number; differing: string[] }

/**
 * The first `limit` of `count` generated cases compared in one process per core
 * (compare-share.ts), each taking every n-th case, with the trace and without it (one start of
 * the engines for both): the differences found, and how many were compared, for each.
 */
async function compareInShares(count: number, seed: number, limit: number): Promise<{ traced: Compared; untraced: Compared }> {
  const shares = Math.max(2, Math.min(4, availableParallelism()));
  const script = join(root, 'test', 'differential', 'compare-share.ts');
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const results = await Promise.all(Array.from({ length: shares }, (_, share) => new Promise<{ traced: Compared; untraced: Compared }>((done, failed) => {
    const child = spawn(process.execPath, [tsx, script, String(share), String(shares), String(count), String(seed), String(limit)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
    child.on('error', failed);
    child.on('close', (code) => {
      if (code === 0) done(JSON.parse(out) as { traced: Compared; untraced: Compared });
      else failed(new Error(`compare-share ${share}/${shares} exited ${code}: ${err.slice(0, 2000)}`));
    });
  })));
  const sum = (mode: 'traced' | 'untraced'): Compared => ({
    compared: results.reduce((n, r) => n + r[mode].compared, 0),
    differing: results.flatMap((r) => r[mode].differing),
  });
  return { traced: sum('traced'), untraced: sum('untraced') };
}

/** The generated cases compared once for both tests below (started by the first that asks). */
let generatedCompared: ReturnType<typeof compareInShares> | undefined;
const compareGenerated = () => (generatedCompared ??= compareInShares(GENERATED, 11, GENERATED));

describe('compiled rules decide exactly as json-rules-engine', () => {
  it('on every fixture in test/cases, with and without the trace', async () => {
    const files = findFixtureFiles([join(root, 'test', 'cases')]);
    expect(files.length).toBeGreaterThan(200);
    for (const file of files) {
      const { data } = parseSource(file, readFileSync(file));
      const { expect: _expected, ...input } = data as Record<string, unknown>;
      for (const trace of [true, false]) {
        const d = await difference(engines, input, trace);
        expect(d, `${file} (trace ${trace})`).toBeUndefined();
      }
    }
  }, 300_000);

  it(`on ${GENERATED.toLocaleString('en')} generated cases, because included`, async () => {
    const { compared, differing } = (await compareGenerated()).traced;
    expect(differing).toEqual([]);
    expect(compared).toBe(GENERATED);
  }, 1_200_000);

  it(`on ${UNTRACED.toLocaleString('en')} of them without the trace (where a set stops at its outcome)`, async () => {
    const { compared, differing } = (await compareGenerated()).untraced;
    expect(differing).toEqual([]);
    expect(compared).toBe(UNTRACED);
  }, 1_200_000);

  it('decideFields gives the fields of every decision as decide does, on both paths', async () => {
    const withoutGrounds = (decisions: Record<string, Record<string, unknown>>) =>
      JSON.stringify(Object.fromEntries(Object.entries(decisions).map(([d, { articles: _a, interpretations: _i, because: _b, ...fields }]) => [d, fields])));
    let compared = 0;
    for (const c of generateCases(ENTRY_POINTS, 12, readingChoices(regulation))) {
      const checked = checkCase(regulation, c).case;
      if (!checked) continue;
      for (const decider of [engines.compiled, engines.jre]) {
        const whole = await decider.decide(checked, { trace: false }).catch((e: Error) => e.message);
        const fields = await decider.decideFields(checked).catch((e: Error) => e.message);
        if (typeof whole === 'string' || typeof fields === 'string') expect(fields).toBe(whole);
        else expect(JSON.stringify(fields.decisions)).toBe(withoutGrounds(whole.decisions as never));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(ENTRY_POINTS * 2 * 0.75);
  }, 600_000);

  it('decideText without the trace is JSON.stringify of the document json-rules-engine gives (what decide --jsonl --brief writes)', async () => {
    let compared = 0;
    const fixtures = findFixtureFiles([join(root, 'test', 'cases')]).map((file) => {
      const { expect: _expected, ...input } = parseSource(file, readFileSync(file)).data as Record<string, unknown>;
      return input;
    });
    for (const c of [...fixtures, ...generateCases(ENTRY_POINTS * 2, 13, readingChoices(regulation))]) {
      const checked = checkCase(regulation, c).case;
      if (!checked) continue;
      const text = await engines.compiled.decideText(checked, { trace: false }).catch((e: Error) => `error: ${e.message}`);
      const reference = await engines.jre.decide(checked, { trace: false }).then((d) => JSON.stringify(d), (e: Error) => `error: ${e.message}`);
      expect(text).toBe(reference);
      compared++;
    }
    expect(compared).toBeGreaterThan(ENTRY_POINTS * 2 * 0.875);
  }, 600_000);

  it('decideText writes an index-like field first, as JSON.stringify does', async () => {
    // a field named "0" is written first by JSON.stringify, wherever it stands
    const odd = structuredClone(regulation);
    const fields = odd.decisions.application.fields as Record<string, unknown>;
    odd.decisions.application.fields = { ...fields, 0: { ...(fields.fee as object), default: 7 } } as never;
    const engines2 = bothEngines(odd);
    const c = generateCases(50, 3).map((x) => checkCase(regulation, x).case).find((x) => x && (x.facts as Record<string, unknown>).application)!;
    const text = await engines2.compiled.decideText(c, { trace: false });
    expect(text).toContain('"application":{"0":7,');
    expect(text).toBe(JSON.stringify(await engines2.compiled.decide(c, { trace: false })));
  });

  it('the generated cases reach every rule, and most of them are valid cases', () => {
    const coverage = ruleCoverage(engines.compiled, generateCases(COVERAGE, 11, readingChoices(regulation)));
    expect(coverage.never).toEqual([]);
    expect(coverage.invalid).toBeLessThan(COVERAGE * 0.1);
  }, 300_000);

  it('a rule that cannot run is refused alike; an error in a case is the same error', async () => {
    const conflicting = { ...regulation, rules: [...regulation.rules, { ...regulation.rules.find((r) => r.id === 'issue-on-the-spot')!, id: 'extra-notice', set: { 'application.outcome': 'notice' } }] };
    const both = bothEngines(conflicting);
    const input = generateCases(200, 3).find((c) => c.facts.application && !c.facts.permit)!;
    const compiled = await both.compiled.decide(input as never).catch((e: Error) => e.message);
    const jre = await both.jre.decide(input as never).catch((e: Error) => e.message);
    expect(typeof compiled === 'string' ? compiled : 'no error').toBe(typeof jre === 'string' ? jre : 'no error');
  });
});
