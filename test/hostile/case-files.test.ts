// Hostile case files (issue 7, items 7 and 11): ≥ 10,000 mutations of the real fixtures
// through parseCase + checkCase, and Decider.decide when the case is valid. Nothing may
// throw except a located problem or an EvaluationError with a message; every problem names
// the file and a line ≥ 1 (or the field, for JSON input). A handful go through the real CLI.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCase, parseCase } from '../../engine/model/case/validate-case.js';
import { EvaluationError } from '../../engine/explain/decider.js';
import { CalendarRangeError } from '../../engine/core/dates/working-days.js';
import { parseSource, type Problem } from '../../engine/core/source-file.js';
import { qujing } from '../support/regulation.js';
import { tiaoli } from '../support/cli.js';
import { mutatedCase, seedCases } from './case-mutations.js';

const seeds = seedCases();
const FILE = 'fuzz/case.yaml';
const RUNS = 10_000;

/** Why a problem is not a located message (plain checks: this runs 10,000 times). */
function unlocated(problems: Problem[], file: string): string | undefined {
  for (const p of problems) {
    if (typeof p.code !== 'string' || !p.code) return `no code: ${JSON.stringify(p)}`;
    if (typeof p.message !== 'string' || !p.message || /\n\s+at /.test(p.message)) return `no message, or a stack trace: ${JSON.stringify(p)}`;
    if (p.location.file !== file || !(p.location.line >= 1) || !(p.location.column >= 1)) return `not located: ${JSON.stringify(p)}`;
  }
  return undefined;
}

describe('hostile case files', () => {
  it(`${RUNS} mutated case files: a located problem, a decision, or an EvaluationError with a message`, async () => {
    const decider = qujing();
    const regulation = decider.regulation;
    const tally = new Map<string, { tried: number; refused: number; decided: number; evaluationError: number }>();
    await fc.assert(
      fc.asyncProperty(mutatedCase(seeds), async (m) => {
        let parsed: ReturnType<typeof parseCase>;
        try {
          parsed = parseCase(regulation, m.bytes, FILE);
        } catch (e) {
          throw new Error(`parseCase threw on ${m.seed} after ${m.steps.join(', ')}: ${(e as Error).stack}`, { cause: e });
        }
        let outcome: 'refused' | 'decided' | 'evaluationError';
        if (parsed.problems.length || !parsed.case) {
          const why = parsed.problems.length ? unlocated(parsed.problems, FILE) : 'no case and no problem';
          if (why) throw new Error(`${m.seed} after ${m.steps.join(', ')}: ${why}`);
          outcome = 'refused';
        } else {
          try {
            const doc = await decider.decide(parsed.case);
            if (!doc.decisions || typeof doc.decisions !== 'object') throw new Error(`no decisions for ${m.seed} after ${m.steps.join(', ')}`);
            outcome = 'decided';
          } catch (e) {
            if (!(e instanceof EvaluationError || e instanceof CalendarRangeError)) {
              throw new Error(`decide threw ${(e as Error).name} on ${m.seed} after ${m.steps.join(', ')}: ${(e as Error).stack}`, { cause: e });
            }
            if (!(e as Error).message) throw new Error(`an evaluation error without a message for ${m.seed}`, { cause: e });
            outcome = 'evaluationError';
          }
        }
        // an alias bomb a later cut removed again is no bomb any more: tallied apart, it may be decided
        const cutAfterBomb = m.steps.indexOf('yaml.aliasBomb') >= 0 && m.steps.indexOf('yaml.cut', m.steps.indexOf('yaml.aliasBomb')) > 0;
        const labels = (m.steps.length ? m.steps : ['none']).map((s) => (s === 'yaml.aliasBomb' && cutAfterBomb ? 'yaml.aliasBomb+cut' : s));
        for (const label of new Set(labels)) {
          const t = tally.get(label) ?? { tried: 0, refused: 0, decided: 0, evaluationError: 0 };
          t.tried += 1;
          t[outcome] += 1;
          tally.set(label, t);
        }
      }),
      { numRuns: RUNS, seed: 7_2026, endOnFailure: true },
    );
    // the closing note's table: mutation class → tried, and what became of them (all held)
    console.log([...tally].sort().map(([k, v]) => `${k}\t${v.tried}\trefused ${v.refused}, decided ${v.decided}, evaluation error ${v.evaluationError}`).join('\n'));
    expect(tally.get('bytes.gbk')?.refused).toBe(tally.get('bytes.gbk')?.tried);
    expect(tally.get('bytes.utf16')?.refused).toBe(tally.get('bytes.utf16')?.tried);
    expect(tally.get('yaml.aliasBomb')?.refused).toBe(tally.get('yaml.aliasBomb')?.tried);
  }, 600_000);

  it('1,000 mutated cases as JSON (an API call, a --jsonl line): each problem names the field', () => {
    const regulation = qujing().regulation;
    fc.assert(
      fc.property(mutatedCase(seeds), (m) => {
        // the mutated file's data, as an API call or a --jsonl line would carry it
        const parsed = parseSource(FILE, m.bytes).data;
        const data = parsed === undefined ? { asOf: '2019-07-10', facts: { person: { birthDate: '0099-01-01' } } } : JSON.parse(JSON.stringify(parsed) ?? 'null');
        const checked = checkCase(regulation, data);
        for (const p of checked.problems) {
          if (!/^[^\n：]+：|（文件）|facts\.|asOf/.test(p.message) || p.location.file !== '<case>') throw new Error(`a problem that names no field: ${JSON.stringify(p)}`);
        }
      }),
      { numRuns: 1_000, seed: 7_2027 },
    );
  }, 300_000);

  it('through the real CLI: exit 1 and a located message on stderr, never a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiaoli-fuzz-'));
    const samples = fc.sample(mutatedCase(seeds).filter((m) => m.steps.some((s) => s.startsWith('bytes.') || s.startsWith('yaml.'))), { numRuns: 4, seed: 7_2028 });
    samples.forEach((m, i) => {
      const file = join(dir, `case-${i}.yaml`);
      writeFileSync(file, m.bytes);
      const r = tiaoli(['decide', '--brief', file]);
      expect(r.stderr, m.steps.join(', ')).not.toMatch(/\n\s+at |TypeError|RangeError|ReferenceError/);
      if (r.status === 0) {
        expect(JSON.parse(r.stdout).decisions).toBeTypeOf('object');
      } else {
        expect(r.status).toBe(1);
        expect(r.stderr).toMatch(new RegExp(`case-${i}\\.yaml(:\\d+:\\d+)?: `));
      }
    });
  }, 60_000);
});
