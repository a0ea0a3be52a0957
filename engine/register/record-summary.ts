// What a stored decision is found by: the person (name, ID number), the service asked for and
// its outcome. The service is the first decision (in the regulation's order) with an `outcome`
// that is not its field's default (the "nothing asked" value): generic, from regulation.yaml.
import type { DecisionDocument } from '../explain/decider.js';
import type { CaseInput } from '../model/case/case-input.js';
import type { Regulation } from '../model/model.js';
import { own } from '../core/own.js';

export interface RecordSummary { service: string | null; outcome: string | null; personName: string | null; idNumber: string | null }

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim().replace(/\0/g, '') : null);

export function summarize(regulation: Regulation, input: CaseInput, document: DecisionDocument): RecordSummary {
  let service: string | null = null;
  let outcome: string | null = null;
  for (const spec of Object.values(regulation.decisions)) {
    const field = own(spec.fields, 'outcome');
    const value = own(own(document.decisions, spec.name) as Record<string, unknown> | undefined, 'outcome');
    if (field && typeof value === 'string' && value !== field.default) {
      service = spec.name;
      outcome = value;
      break;
    }
  }
  const person = own(input.facts, 'person') as Record<string, unknown> | undefined;
  const personName = str(own(person, 'name'));
  const id = str(own(person, 'idNumber'));
  return { service, outcome, personName, idNumber: id ? id.toUpperCase() : null };
}
