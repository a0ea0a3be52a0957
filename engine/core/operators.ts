// Operators rules may use: json-rules-engine's own (re-implemented here with the same
// meaning, so that none can throw inside the engine) and tiaoli's for dates, presence and
// lists. Each has a Chinese reading for traces.
import { Operator } from 'json-rules-engine';
import { isCalendarDate } from './dates/calendar-date.js';
import { EvaluationError } from './evaluation-error.js';

export interface OperatorEntry {
  name: string;
  /** how a trace reads it: "{fact} 不晚于 {value}" */
  reads: string;
  evaluate: (fact: any, value: any) => boolean;
  /** a fact value that fails this makes the condition false without evaluating it */
  validFact?: (fact: unknown) => boolean;
  /** what it compares, checked by lint against the fact's type and the value's (engine/model/condition-types.ts) */
  operands: Operands;
}

/**
 * The operand types of an operator. `fact` is the kind of fact it takes (`any`: every kind);
 * `value` is what it compares the fact with: a value of the fact's own type (`sameAsFact`),
 * a list of such values (`listOfFact`), one item of the fact's list (`itemOfFact`), or a
 * boolean (for the presence checks).
 */
export interface Operands {
  fact: 'any' | 'number' | 'date' | 'list';
  value: 'sameAsFact' | 'listOfFact' | 'itemOfFact' | 'boolean';
}

const scalar = { fact: 'any', value: 'sameAsFact' } as const;
const membership = { fact: 'any', value: 'listOfFact' } as const;
const inList = { fact: 'list', value: 'itemOfFact' } as const;
const numbers = { fact: 'number', value: 'sameAsFact' } as const;
const dates = { fact: 'date', value: 'sameAsFact' } as const;

const bothDates = (a: unknown, b: unknown): boolean => isCalendarDate(a) && isCalendarDate(b);
/** json-rules-engine's check for its number operators */
const numeric = (a: unknown): boolean => Number.parseFloat(a as string).toString() !== 'NaN';

function listValue(name: string, b: unknown): unknown[] {
  if (!Array.isArray(b)) throw new EvaluationError('operator.valueType', `运算符 ${name} 的比较值应为清单，实为 ${JSON.stringify(b) ?? String(b)}`);
  return b;
}

export const operators: readonly OperatorEntry[] = [
  { name: 'equal', reads: '等于', operands: scalar, evaluate: (a, b) => a === b },
  { name: 'notEqual', reads: '不等于', operands: scalar, evaluate: (a, b) => a !== b },
  // compared with a list that is absent (a case fact not given), like any comparison with an absent value: false
  { name: 'in', reads: '属于', operands: membership, evaluate: (a, b) => b != null && listValue('in', b).includes(a) },
  { name: 'notIn', reads: '不属于', operands: membership, evaluate: (a, b) => b != null && !listValue('notIn', b).includes(a) },
  { name: 'contains', reads: '包含', operands: inList, evaluate: (a, b) => a.includes(b), validFact: Array.isArray },
  { name: 'doesNotContain', reads: '不包含', operands: inList, evaluate: (a, b) => !a.includes(b), validFact: Array.isArray },
  { name: 'lessThan', reads: '小于', operands: numbers, evaluate: (a, b) => a < b, validFact: numeric },
  { name: 'lessThanInclusive', reads: '不大于', operands: numbers, evaluate: (a, b) => a <= b, validFact: numeric },
  { name: 'greaterThan', reads: '大于', operands: numbers, evaluate: (a, b) => a > b, validFact: numeric },
  { name: 'greaterThanInclusive', reads: '不小于', operands: numbers, evaluate: (a, b) => a >= b, validFact: numeric },
  { name: 'before', reads: '早于', operands: dates, evaluate: (a, b) => bothDates(a, b) && a < b },
  { name: 'onOrBefore', reads: '不晚于', operands: dates, evaluate: (a, b) => bothDates(a, b) && a <= b },
  { name: 'after', reads: '晚于', operands: dates, evaluate: (a, b) => bothDates(a, b) && a > b },
  { name: 'onOrAfter', reads: '不早于', operands: dates, evaluate: (a, b) => bothDates(a, b) && a >= b },
  { name: 'present', reads: '有值为', operands: { fact: 'any', value: 'boolean' }, evaluate: (a, b) => (a !== undefined && a !== null) === b },
  { name: 'isEmpty', reads: '为空为', operands: { fact: 'list', value: 'boolean' }, evaluate: (a, b) => (Array.isArray(a) && a.length === 0) === b, validFact: Array.isArray },
];

export const operatorsByName: ReadonlyMap<string, OperatorEntry> = new Map(operators.map((o) => [o.name, o]));

/**
 * The operators as json-rules-engine takes them. An operator that fails (a comparison with
 * a value of the wrong kind) hands its error to `onError` and counts as false: an error
 * thrown inside the engine would leave its run going on in the background.
 */
export function engineOperators(onError: (error: unknown) => void = () => undefined): Operator[] {
  const guard = <A extends unknown[]>(name: string, fn: (...args: A) => boolean) => (...args: A): boolean => {
    try {
      return fn(...args);
    } catch (e) {
      onError(e instanceof EvaluationError ? e : new EvaluationError('operator.failed', `运算符 ${name} 无法比较：${(e as Error).message}`));
      return false;
    }
  };
  return operators.map((o) => new Operator(o.name, guard(o.name, o.evaluate), guard(o.name, o.validFact ?? (() => true))));
}
