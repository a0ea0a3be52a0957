// Lint's type check of a condition (`{ fact, operator, value }`) and of a value a rule
// gives a decision field: a date operator on a number, a boolean compared with a word, a
// code outside an enum's list — each found before any case runs, instead of an operator
// quietly answering "false" on every case.
import { operatorsByName } from '../core/operators.js';
import { isFactRef } from '../core/fact-names.js';
import type { FactTypes } from './fact-types.js';
import { valueType } from './fact-types.js';
import { ANY, describeType, mismatch, namedType, type ValueType } from './value-type.js';
import type { ArgType } from '../core/derived/function.js';
import type { DecisionField } from './model.js';
import { decisionFieldType } from './fact-types.js';

export interface TypeProblem {
  message: string;
  /** where in the condition: its operator or its value */
  at: 'operator' | 'value';
}

interface Leaf { fact: unknown; operator: unknown; value: unknown; path?: unknown }

export function conditionTypeProblem(types: FactTypes, leaf: Leaf): TypeProblem | undefined {
  if (typeof leaf.fact !== 'string' || typeof leaf.operator !== 'string') return undefined;
  const op = operatorsByName.get(leaf.operator);
  if (!op) return undefined; // named as an unknown operator elsewhere
  const fact = types.of(leaf.fact, leaf.path);
  const shown = `${leaf.fact}${typeof leaf.path === 'string' && leaf.path ? `.${leaf.path}` : ''}`;
  const wrongFact = factMismatch(op.operands.fact, fact);
  if (wrongFact) return { at: 'operator', message: `运算符 ${op.name}（${op.reads}）${wrongFact}，而 ${shown} 是${describeType(fact)}` };
  const literal = isFactRef(leaf.value) ? undefined : { value: leaf.value };
  const given = valueType(leaf.value, types.of);
  let wanted: ValueType;
  switch (op.operands.value) {
    case 'boolean': wanted = { kind: 'boolean' }; break;
    case 'sameAsFact': wanted = fact; break;
    case 'listOfFact': wanted = { kind: 'list', items: fact }; break;
    case 'itemOfFact': wanted = fact.kind === 'list' ? fact.items : ANY; break;
  }
  const why = mismatch(wanted, given, literal);
  if (why) return { at: 'value', message: `${shown} ${op.name} 的比较值${why}` };
  return undefined;
}

function factMismatch(kind: 'any' | 'number' | 'date' | 'list', fact: ValueType): string | undefined {
  if (kind === 'any' || fact.kind === 'any' || fact.kind === kind) return undefined;
  return { number: '只用于数字', date: '只用于日期', list: '只用于清单' }[kind];
}

/** Why a fact reference cannot give this decision field its value (`set:` one value, `add:` an item or a list of items). */
export function assignmentTypeProblem(types: FactTypes, field: DecisionField, kind: 'set' | 'add', value: unknown): string | undefined {
  const wanted = decisionFieldType(field);
  const given = valueType(value, types.of);
  if (kind === 'add' && wanted.kind === 'list') {
    if (given.kind === 'list') return mismatch(wanted, given, isFactRef(value) ? undefined : { value });
    return mismatch(wanted.items, given, isFactRef(value) ? undefined : { value });
  }
  return mismatch(wanted, given, isFactRef(value) ? undefined : { value });
}

/** Why a value cannot be this argument of a derived fact's function (its signature's type), or undefined. */
export function argumentTypeProblem(types: FactTypes, type: ArgType, value: unknown): string | undefined {
  return mismatch(namedType(type), valueType(value, types.of), isFactRef(value) ? undefined : { value });
}
