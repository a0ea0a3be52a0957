// A requirement of a service as of a date: its label, the codes that satisfy it (lists may
// come from parameters, dated) with their names, and how many are needed. What notices,
// forms and the studio show of a requirement, all from its one declaration.
import type { Regulation, Requirement } from './model.js';
import { parameterOn } from './parameters.js';
import { own } from '../core/own.js';

export interface ResolvedRequirement {
  code: string;
  label: string;
  /** the codes that satisfy it; `note` on one that does only when a condition holds */
  materials: Array<{ code: string; label: string; description?: string; note?: string }>;
  count: number;
  unit?: string;
  article: string;
}

function paramValue(regulation: Regulation, name: string, date: string): unknown {
  const p = own(regulation.parameters, name);
  return p ? parameterOn(p, date).value : undefined;
}

function codesOf(regulation: Regulation, satisfiedBy: Requirement['satisfiedBy'], date: string): string[] {
  const codes = satisfiedBy.flatMap((s) => (typeof s === 'string' ? [s] : [paramValue(regulation, s.param, date)].flat()));
  return codes.filter((c) => c !== undefined && c !== null).map(String);
}

/** The codes satisfying a requirement on a date, in declared order, each once (alternatives after, with their note). */
export function satisfyingCodes(regulation: Regulation, r: Requirement, date: string): Array<{ code: string; note?: string }> {
  const seen = new Set<string>();
  const out: Array<{ code: string; note?: string }> = [];
  const take = (codes: string[], note?: string): void => {
    for (const code of codes) if (!seen.has(code)) { seen.add(code); out.push(note === undefined ? { code } : { code, note }); }
  };
  take(codesOf(regulation, r.satisfiedBy, date));
  for (const alt of r.alternatives) take(codesOf(regulation, alt.satisfiedBy, date), alt.note);
  return out;
}

export function requirementOf(regulation: Regulation, service: string, code: string): Requirement | undefined {
  return own(regulation.requirements, service)?.requirements.find((r) => r.code === code);
}

export function resolveRequirement(regulation: Regulation, service: string, code: string, date: string): ResolvedRequirement {
  const r = requirementOf(regulation, service, code);
  if (!r) return { code, label: own(regulation.vocabulary.requirements, code) ?? code, materials: [], count: 1, article: '' };
  const list = own(regulation.vocabulary.lists, own(regulation.requirements, service)!.codes);
  const count = typeof r.count === 'number' ? r.count : Number(paramValue(regulation, r.count.param, date) ?? 1);
  return {
    code,
    label: r.label,
    materials: satisfyingCodes(regulation, r, date).map(({ code: m, note }) => {
      const entry = own(list, m);
      return { code: m, label: entry?.label ?? m, ...(entry?.description ? { description: entry.description } : {}), ...(note ? { note } : {}) };
    }),
    count,
    ...(r.unit ? { unit: r.unit } : {}),
    article: r.article,
  };
}
