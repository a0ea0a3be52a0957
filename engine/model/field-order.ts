// The order in which decision fields are settled: a rule that reads a decision field
// (`decisions.application.missing`) runs after every rule that sets that field.
import type { Regulation, RuleSpec } from './model.js';
import { conditionLeaves, factRefsIn, readFactName } from '../core/fact-names.js';
import { own } from '../core/own.js';
import { derivedClosure } from './derived-closure.js';

export interface FieldOrder {
  /** rule id → json-rules-engine priority (higher runs first) */
  priority: Map<string, number>;
  /** rule id → the decision fields it reads, directly or through derived facts */
  reads: Map<string, string[]>;
  cycles: Array<{ rule: string; fields: string[] }>;
}

export function targetsOf(rule: RuleSpec): string[] {
  return [...Object.keys(rule.set), ...Object.keys(rule.add)];
}

export function factNamesOf(rule: RuleSpec): string[] {
  return [
    ...conditionLeaves(rule.when).flatMap((leaf) => [leaf.fact, ...factRefsIn(leaf.value).map((r) => r.fact)]),
    ...[...Object.values(rule.set), ...Object.values(rule.add)].flatMap((v) => factRefsIn(v).map((r) => r.fact)),
  ].filter((f): f is string => typeof f === 'string');
}

export function fieldOrder(regulation: Regulation): FieldOrder {
  // the decision fields a rule reads: named in it, or in the arguments of a derived fact it uses
  const readsOf = (facts: string[]): string[] => {
    const named = [...facts, ...derivedClosure(regulation, facts).flatMap((name) => factRefsIn(own(regulation.derived, name)?.args).map((r) => r.fact))];
    return [...new Set(named.flatMap((fact) => {
      const f = readFactName(fact);
      return f?.kind === 'decision' ? [`${f.decision}.${f.field}`] : [];
    }))];
  };
  const reads = new Map(regulation.rules.map((r) => [r.id, readsOf(factNamesOf(r))]));
  const setters = new Map<string, RuleSpec[]>();
  for (const r of regulation.rules) for (const t of targetsOf(r)) setters.set(t, [...(setters.get(t) ?? []), r]);

  const level = new Map<string, number>();
  const cycles: FieldOrder['cycles'] = [];
  const visiting: string[] = [];
  const ruleLevel = (rule: RuleSpec): number => {
    if (level.has(rule.id)) return level.get(rule.id)!;
    if (visiting.includes(rule.id)) {
      cycles.push({ rule: rule.id, fields: [...visiting.slice(visiting.indexOf(rule.id)), rule.id] });
      return 0;
    }
    visiting.push(rule.id);
    let l = 0;
    for (const field of reads.get(rule.id) ?? []) {
      for (const setter of setters.get(field) ?? []) l = Math.max(l, ruleLevel(setter) + 1);
    }
    visiting.pop();
    level.set(rule.id, l);
    return l;
  };
  regulation.rules.forEach(ruleLevel);
  const top = Math.max(0, ...level.values());
  const priority = new Map([...level].map(([id, l]) => [id, top - l + 1]));
  return { priority, reads, cycles };
}
