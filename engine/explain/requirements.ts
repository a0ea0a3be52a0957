// A requirement of a service as of a date: its label, the codes that satisfy it (lists may
// come from parameters, dated) with their names, and how many are needed. What notices,
// forms and the studio show of a requirement, all from its one declaration.
import type { Regulation, Requirement } from '../model.js';
import { parameterOn } from '../evaluate/parameters.js';
import { own } from '../evaluate/own.js';

export interface ResolvedRequirement {
  code: string;
  label: string;
  materials: Array<{ code: string; label: string; description?: string }>;
  count: number;
  unit?: string;
  article: string;
}

function paramValue(regulation: Regulation, name: string, date: string): unknown {
  const p = own(regulation.parameters, name);
  return p ? parameterOn(p, date).value : undefined;
}

/** The codes satisfying a requirement on a date, in declared order, each once. */
export function satisfyingCodes(regulation: Regulation, r: Requirement, date: string): string[] {
  const codes = r.satisfiedBy.flatMap((s) => (typeof s === 'string' ? [s] : [paramValue(regulation, s.param, date)].flat()));
  return [...new Set(codes.filter((c) => c !== undefined && c !== null).map(String))];
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
    materials: satisfyingCodes(regulation, r, date).map((m) => {
      const entry = own(list, m);
      return { code: m, label: entry?.label ?? m, ...(entry?.description ? { description: entry.description } : {}) };
    }),
    count,
    ...(r.unit ? { unit: r.unit } : {}),
    article: r.article,
  };
}
