// Form data ↔ case facts, by the form's declarative mapping (form.yaml `mapping:`).
import type { FormDefinition, MappingEntry } from './form-model.js';
import { getPath, getPointer, setPath, setPointer } from '../../core/json-pointer.js';

export interface CaseFromForm {
  name?: string;
  asOf: string;
  facts: Record<string, unknown>;
}

function forward(entry: MappingEntry, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (entry.absent !== undefined && value === entry.absent) return undefined;
  if (entry.values) return entry.values[String(value)];
  return structuredClone(value);
}

export function formToCase(form: FormDefinition, data: unknown): CaseFromForm {
  if (!form.mapping) throw new Error(`表单 ${form.name} 不对应案件（没有 mapping）`);
  const facts: Record<string, unknown> = {};
  for (const entry of form.mapping.facts) {
    const value = entry.from !== undefined ? forward(entry, getPointer(data, entry.from)) : structuredClone(entry.const);
    if (value !== undefined) setPath(facts, entry.fact, value);
  }
  return { name: form.title, asOf: String(getPointer(data, form.mapping.asOf) ?? ''), facts };
}

/** The form data that would have produced these facts (for checking fixtures against forms). */
export function caseToForm(form: FormDefinition, input: { asOf: string; facts: Record<string, unknown> }): Record<string, unknown> {
  if (!form.mapping) return {};
  const data: Record<string, unknown> = {};
  setPointer(data, form.mapping.asOf, input.asOf);
  for (const entry of form.mapping.facts) {
    if (entry.from === undefined) continue;
    let value = getPath(input.facts, entry.fact);
    if (value === undefined) {
      if (entry.absent !== undefined) setPointer(data, entry.from, entry.absent);
      continue;
    }
    if (entry.values) value = Object.entries(entry.values).find(([, v]) => v === value)?.[0] ?? value;
    setPointer(data, entry.from, structuredClone(value));
  }
  return data;
}

/** The facts a form can produce (its mapping's targets). */
export function factsOfForm(form: FormDefinition): string[] {
  return form.mapping?.facts.map((e) => e.fact) ?? [];
}
