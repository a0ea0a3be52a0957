// A case checked against the regulation's case schema before it is decided: an invalid
// ID number, an impossible date, an unknown material code or a missing asOf is an error
// that names the field (and, for a file, its line and column).
import type { ValidateFunction } from 'ajv';
import { createAjv, schemaProblems } from '../validation/ajv.js';
import { normaliseDates } from '../dates/calendar-date.js';
import { parseSource, plainSource, type Problem, type SourceFile } from '../load/source-file.js';
import type { Regulation } from '../model.js';
import type { CaseInput } from '../evaluate/decider.js';

const validators = new WeakMap<Regulation, ValidateFunction>();

function validatorFor(regulation: Regulation): ValidateFunction {
  let v = validators.get(regulation);
  if (!v) {
    v = createAjv().compile(regulation.caseSchema);
    validators.set(regulation, v);
  }
  return v;
}

export interface CaseFile extends CaseInput {
  expect?: Record<string, unknown>;
}

export function checkCase(regulation: Regulation, data: unknown, source?: SourceFile): { case?: CaseFile; problems: Problem[] } {
  const value = normaliseDates(data);
  const src = source ?? plainSource('<case>', value);
  const validate = validatorFor(regulation);
  if (!validate(value)) return { problems: schemaProblems(validate.errors, src) };
  return { case: value as CaseFile, problems: [] };
}

export function parseCase(regulation: Regulation, text: string, file: string): { case?: CaseFile; problems: Problem[] } {
  const source = parseSource(file, text);
  if (source.problems.length) return { problems: source.problems };
  return checkCase(regulation, source.data, source);
}
