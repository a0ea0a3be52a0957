// Operators rules may use: json-rules-engine's own, and tiaoli's for dates, presence and
// lists. Each has a Chinese reading for traces.
import { Operator } from 'json-rules-engine';
import { isCalendarDate } from '../dates/calendar-date.js';

export interface OperatorEntry {
  name: string;
  /** how a trace reads it: "{fact} 不晚于 {value}" */
  reads: string;
  /** tiaoli's own operators are added to the engine; the built-in ones only need a reading */
  evaluate?: (fact: any, value: any) => boolean;
  validFact?: (fact: unknown) => boolean;
}

const bothDates = (a: unknown, b: unknown): boolean => isCalendarDate(a) && isCalendarDate(b);

export const operators: readonly OperatorEntry[] = [
  { name: 'equal', reads: '等于' },
  { name: 'notEqual', reads: '不等于' },
  { name: 'in', reads: '属于' },
  { name: 'notIn', reads: '不属于' },
  { name: 'contains', reads: '包含' },
  { name: 'doesNotContain', reads: '不包含' },
  { name: 'lessThan', reads: '小于' },
  { name: 'lessThanInclusive', reads: '不大于' },
  { name: 'greaterThan', reads: '大于' },
  { name: 'greaterThanInclusive', reads: '不小于' },
  { name: 'before', reads: '早于', evaluate: (a, b) => bothDates(a, b) && a < b },
  { name: 'onOrBefore', reads: '不晚于', evaluate: (a, b) => bothDates(a, b) && a <= b },
  { name: 'after', reads: '晚于', evaluate: (a, b) => bothDates(a, b) && a > b },
  { name: 'onOrAfter', reads: '不早于', evaluate: (a, b) => bothDates(a, b) && a >= b },
  {
    name: 'present',
    reads: '有值为',
    evaluate: (a, b) => (a !== undefined && a !== null) === b,
    validFact: () => true,
  },
  {
    name: 'isEmpty',
    reads: '为空为',
    evaluate: (a, b) => (Array.isArray(a) && a.length === 0) === b,
    validFact: Array.isArray,
  },
];

export const operatorsByName: ReadonlyMap<string, OperatorEntry> = new Map(operators.map((o) => [o.name, o]));

export function engineOperators(): Operator[] {
  return operators
    .filter((o) => o.evaluate)
    .map((o) => new Operator(o.name, o.evaluate!, o.validFact ?? (() => true)));
}
