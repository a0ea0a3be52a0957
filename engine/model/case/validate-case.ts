// A case checked against the regulation's case schema before it is decided: an invalid
// ID number, an impossible date, an unknown material code or a missing asOf is an error
// that names the field (and, for a file, its line and column); so are dates in an
// impossible order (date-order.ts).
import type { ValidateFunction } from 'ajv';
import { createAjv, schemaProblems } from '../../core/validation/ajv.js';
import { hiddenProblem, parseSource, plainSource, type Problem, type SourceFile } from '../../core/source-file.js';
import { findHidden } from '../../core/hidden-characters.js';
import type { Regulation } from '../model.js';
import type { CaseInput } from './case-input.js';
import { allInOrder, orderProblems } from './date-order.js';
import { readingProblem } from '../readings.js';

const hasReadings = (data: unknown): boolean => data !== null && typeof data === 'object' && Object.hasOwn(data, 'readings');

/** `readings:` naming an interpretation or alternative that does not exist: located at it. */
function readingProblems(regulation: Regulation, data: unknown, source: SourceFile): Problem[] {
  const readings = data && typeof data === 'object' && Object.hasOwn(data, 'readings') ? (data as Record<string, unknown>).readings : undefined;
  if (!readings || typeof readings !== 'object') return [];
  return Object.entries(readings).flatMap(([id, alt]) => {
    const message = readingProblem(regulation, id, alt);
    return message ? [{ code: 'case.reading', message: `readings.${id}：${message}`, location: source.locate(['readings', id]) }] : [];
  });
}

// One ajv for every case schema: it compiles each schema content once (core/validation/ajv.ts),
// so reloading the same rules does not grow memory, and a regulation's validator goes
// with it (WeakMap).
const ajv = createAjv();
const validators = new WeakMap<Regulation, ValidateFunction | Problem>();

function validatorFor(regulation: Regulation): ValidateFunction | Problem {
  let v = validators.get(regulation);
  if (!v) {
    try {
      v = ajv.compile(regulation.caseSchema);
    } catch (e) {
      v = { code: 'case.schema', message: `案件 Schema（case.schema.yaml）无效，无法检查案件：${(e as Error).message}`, location: { file: 'case.schema.yaml', line: 1, column: 1 } };
    }
    validators.set(regulation, v);
  }
  return v;
}

export interface CaseFile extends CaseInput {
  expect?: Record<string, unknown>;
}

/**
 * `textChecked`: the text the data was read from was checked for hidden characters and holds
 * no escape that could make one (parseSource; a --jsonl line with no \u, \b or \f), so the
 * data need not be walked for them again.
 */
export function checkCase(regulation: Regulation, data: unknown, source?: SourceFile, textChecked = false): { case?: CaseFile; problems: Problem[] } {
  const value = data;
  const validate = validatorFor(regulation);
  if (typeof validate !== 'function') return { problems: [validate] };
  // a case given as data (not a file) is placed at <case> when it has a problem
  const src = (): SourceFile => source ?? plainSource('<case>', value);
  // a name or free text with a character that is not seen but changes what is printed
  const hidden = textChecked ? undefined : findHidden(value);
  if (hidden) return { problems: [hiddenProblem(hidden, src())] };
  if (!validate(value)) return { problems: schemaProblems(validate.errors, src()) };
  if (!allInOrder(value, regulation)) return { problems: orderProblems(value, src(), regulation) };
  if (hasReadings(value)) {
    const readings = readingProblems(regulation, value, src());
    if (readings.length) return { problems: readings };
  }
  return { case: value as CaseFile, problems: [] };
}

/** A case file's text, or its bytes as read from disk (which must be UTF-8). */
export function parseCase(regulation: Regulation, input: string | Uint8Array, file: string): { case?: CaseFile; problems: Problem[] } {
  const source = parseSource(file, input);
  if (source.problems.length) return { problems: source.problems };
  return checkCase(regulation, source.data, source, true);
}
