// The one walk over derived-fact dependencies: which derived facts a list of fact names
// uses, directly or through the arguments of other derived facts. The Decider uses it for
// the grounds of a decision, the field order for the decision fields a rule reads.
import type { Regulation } from './model.js';
import { factRefsIn, readFactName } from '../core/fact-names.js';
import { own } from '../core/own.js';

/** Derived facts reached from `facts`, dependencies first; a cycle is walked once (lint reports it). */
export function derivedClosure(regulation: Regulation, facts: readonly string[]): string[] {
  const out: string[] = [];
  const visiting = new Set<string>();
  const visit = (fact: string): void => {
    const f = readFactName(fact);
    if (f?.kind !== 'derived' || out.includes(f.name) || visiting.has(f.name)) return;
    const spec = own(regulation.derived, f.name);
    if (!spec) return;
    visiting.add(f.name);
    for (const ref of factRefsIn(spec.args)) visit(ref.fact);
    if (!out.includes(f.name)) out.push(f.name);
  };
  facts.forEach(visit);
  return out;
}
