// A requirement (what a missing item is named by) as of a date: its label, the materials
// that satisfy it (lists may come from parameters) and how many are needed.
import type { Regulation } from './model.js';
import { parameterOn } from './parameters.js';
import { own } from '../core/own.js';

export interface ResolvedRequirement {
  code: string;
  label: string;
  materials: Array<{ code: string; label: string }>;
  count: number;
  article: string;
}

function valueOf(regulation: Regulation, spec: unknown, date: string): unknown {
  if (spec && typeof spec === 'object' && !Array.isArray(spec) && Object.hasOwn(spec, 'param')) {
    const p = own(regulation.parameters, String((spec as { param: unknown }).param));
    return p ? parameterOn(p, date).value : undefined;
  }
  if (Array.isArray(spec)) return spec.map((s) => valueOf(regulation, s, date));
  return spec;
}

/** Parameter names a requirement refers to (for lint). */
export function requirementParams(spec: { materials: unknown; count?: unknown }): string[] {
  const out: string[] = [];
  const visit = (s: unknown): void => {
    if (Array.isArray(s)) s.forEach(visit);
    else if (s && typeof s === 'object' && Object.hasOwn(s, 'param')) out.push(String((s as { param: unknown }).param));
  };
  visit(spec.materials);
  visit(spec.count);
  return out;
}

export function resolveRequirement(regulation: Regulation, code: string, date: string): ResolvedRequirement {
  const spec = own(regulation.vocabulary.requirements, code);
  if (!spec) return { code, label: code, materials: [], count: 1, article: '' };
  const codes = [valueOf(regulation, spec.materials, date)].flat(3).map(String);
  return {
    code,
    label: spec.label,
    materials: codes.map((m) => ({ code: m, label: own(regulation.vocabulary.materials, m) ?? m })),
    count: Number(valueOf(regulation, spec.count, date) ?? 1),
    article: spec.article,
  };
}
