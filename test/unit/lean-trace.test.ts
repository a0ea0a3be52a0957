// A decision's trace (`because`) refers to a parameter's table (the township kinds, the county
// list, the code successions) by the parameter and the date its value holds from, instead of
// writing the table out in every rule that reads it; a derived fact worked out once in a
// decision's trace is named again, shortly, in the later rules that read it. A decision with
// its trace stays small enough to keep and send for every case.
import { describe, expect, it } from 'vitest';
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { Decider } from '../../engine/explain/decider.js';
import { checkCase } from '../../engine/model/case/validate-case.js';
import { isRuleTrace, type DerivedTrace, type TableRef } from '../../engine/explain/trace-types.js';
import type { DecisionDocument } from '../../engine/explain/explain-decision.js';
import { isFactRef } from '../../engine/core/fact-names.js';
import { generateCases } from '../bench/generate-cases.js';
import { readingChoices } from '../differential/both-engines.js';
import { rulesDir } from '../support/regulation.js';

const regulation = loadRegulationOrThrow(rulesDir);
const decider = new Decider(regulation);
const LIMIT = 20 * 1024;

const made = new Map<number, Promise<DecisionDocument[]>>();
function documents(count: number): Promise<DecisionDocument[]> {
  if (!made.has(count)) made.set(count, decideAll(count));
  return made.get(count)!;
}

async function decideAll(count: number): Promise<DecisionDocument[]> {
  const out: DecisionDocument[] = [];
  for (const c of generateCases(count, 11, readingChoices(regulation))) {
    const input = checkCase(regulation, c).case;
    if (input) out.push(await decider.decide(input).catch(() => undefined as never));
  }
  return out.filter(Boolean);
}

const derivedOf = (doc: DecisionDocument): DerivedTrace[] =>
  Object.values(doc.decisions).flatMap((d) => (d.because ?? []).filter(isRuleTrace).flatMap((r) => r.derived));

describe('a lean trace', () => {
  it('a decision with because is at most 20 KB (UTF-8 JSON), in nearly every case; half are under 8 KB', async () => {
    const sizes = (await documents(200)).flatMap((doc) => Object.values(doc.decisions).map((d) => Buffer.byteLength(JSON.stringify(d))));
    expect(sizes.length).toBeGreaterThan(2_000);
    sizes.sort((a, b) => a - b);
    expect(sizes[Math.floor(sizes.length * 0.99)]).toBeLessThanOrEqual(LIMIT);
    expect(sizes[sizes.length >> 1]).toBeLessThanOrEqual(8 * 1024);
  });

  it('a parameter’s table is referred to by the parameter and the date its value holds from, never written out', async () => {
    const docs = await documents(200);
    // the tables derived facts read whole
    const read = new Set(Object.values(regulation.derived).flatMap((d) => Object.values(d.args ?? {}))
      .flatMap((a) => (isFactRef(a) && !a.path && a.fact.startsWith('params.') ? [a.fact.slice('params.'.length)] : [])));
    const tables = Object.values(regulation.parameters).filter((p) => read.has(p.name) && p.values.some((v) => v.value !== null && typeof v.value === 'object'));
    expect(tables.length).toBeGreaterThan(2);
    const referred = new Set<string>();
    for (const doc of docs) {
      const text = JSON.stringify(doc);
      for (const p of tables) for (const v of p.values) expect(text.includes(JSON.stringify(v.value)), `${p.name} written out`).toBe(false);
      for (const d of derivedOf(doc)) {
        for (const arg of d.tables ?? []) {
          const ref = d.args[arg] as TableRef;
          const spec = regulation.parameters[ref.parameter];
          expect(spec.values.map((v) => v.from)).toContain(ref.from);
          if (!d.text.endsWith('（计算见上）')) expect(d.text).toContain(`〔params.${ref.parameter}〕（自 ${ref.from} 起的值）`);
          referred.add(ref.parameter);
        }
      }
    }
    // the township kinds and the county list among them
    expect(referred.size).toBeGreaterThanOrEqual(3);
  });

  it('a derived fact is worked out in full once per decision; later rules give its value and say so', async () => {
    let again = 0;
    for (const doc of await documents(200)) {
      for (const d of Object.values(doc.decisions)) {
        const seen = new Set<string>();
        for (const item of (d.because ?? []).filter(isRuleTrace).flatMap((r) => r.derived)) {
          if (!seen.has(item.name)) expect(item.text).toContain(`${item.function}(`);
          else if (item.text.endsWith('（计算见上）')) again++;
          // a worked value (its steps) is given in full again
          else expect(item.text).toContain(`${item.function}(`);
          seen.add(item.name);
        }
      }
    }
    expect(again).toBeGreaterThan(20);
  });
});
