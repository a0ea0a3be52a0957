// The type of every fact a rule may name, worked out when the rules load: case facts from
// the case schema, parameters from their `type:` (and values), derived facts from their
// function's result, decision fields from regulation.yaml.
import { resolveRef } from '../core/json-pointer.js';
import type { DecisionField, Regulation } from './model.js';
import { derivedFunctions } from '../core/derived/registry.js';
import type { ArgType } from '../core/derived/function.js';
import { readFactName, isFactRef } from '../core/fact-names.js';
import { own } from '../core/own.js';
import { ANY, commonType, fieldType, literalType, namedType, type ValueType } from './value-type.js';

type Schema = Record<string, unknown>;

export interface FactTypes {
  /** The type of a fact name (`asOf`, `person.birthDate`, `derived.age`…), with an optional `path:` into it. */
  of(fact: string, path?: unknown): ValueType;
}

const cache = new WeakMap<Regulation, FactTypes>();

export function factTypes(regulation: Regulation): FactTypes {
  let types = cache.get(regulation);
  if (!types) {
    types = build(regulation);
    cache.set(regulation, types);
  }
  return types;
}

function build(regulation: Regulation): FactTypes {
  const caseTypes = caseFactTypes(regulation.caseSchema);
  const derived = new Map<string, ValueType>();
  const visiting = new Set<string>();
  const of = (fact: string, path?: unknown): ValueType => {
    const t = baseType(fact);
    return typeof path === 'string' && path ? fieldType(t, path) : t;
  };
  const derivedType = (name: string): ValueType => {
    const known = derived.get(name);
    if (known) return known;
    const spec = own(regulation.derived, name);
    const fn = spec && derivedFunctions.get(spec.function);
    if (!spec || !fn || visiting.has(name)) return ANY; // unknown (lint says so) or circular
    visiting.add(name);
    let t: ValueType;
    if (fn.returnsItemOf) {
      const arg = own(spec.args, fn.returnsItemOf);
      const items = Array.isArray(arg) ? arg.map((a) => valueType(a, of)) : [valueType(arg, of)];
      t = commonType(items.map((i) => (i.kind === 'list' && !Array.isArray(arg) ? i.items : i)));
    } else if (fn.returns === 'object' && fn.returnsFields) {
      t = { kind: 'object', fields: new Map(Object.entries(fn.returnsFields).map(([k, f]) => [k, signatureType(f.type, f.values, f.items)])) };
    } else {
      t = namedType(fn.returns);
    }
    visiting.delete(name);
    derived.set(name, t);
    return t;
  };
  const baseType = (fact: string): ValueType => {
    const f = readFactName(fact);
    switch (f?.kind) {
      case 'asOf': return { kind: 'date' };
      case 'case': return caseTypes.get(f.path.join('.')) ?? ANY;
      case 'param': {
        const p = own(regulation.parameters, f.name);
        return p ? parameterType(p.type, [...p.values, ...(p.places ?? []).flatMap((place) => place.values)].map((v) => v.value)) : ANY;
      }
      case 'derived': return derivedType(f.name);
      case 'decision': {
        const field = own(own(regulation.decisions, f.decision)?.fields, f.field);
        return field ? decisionFieldType(field) : ANY;
      }
      default: return ANY;
    }
  };
  return { of };
}

/** The type of a value in YAML: a literal, a fact reference, or a list or map of them. */
export function valueType(value: unknown, of: FactTypes['of']): ValueType {
  if (isFactRef(value)) return of(value.fact, value.path);
  if (Array.isArray(value)) return { kind: 'list', items: commonType(value.map((v) => valueType(v, of))) };
  return literalType(value);
}

function signatureType(type: ArgType, values?: string[], items?: ArgType): ValueType {
  if (type === 'string' && values) return { kind: 'enum', values };
  if (type === 'list') return { kind: 'list', items: items ? namedType(items) : ANY };
  return namedType(type);
}

/** A parameter's type; a list's items typed by the values it has held. */
export function parameterType(type: string, values: unknown[]): ValueType {
  if (type !== 'list') return namedType(type);
  const items = values.filter(Array.isArray).flat().map(literalType);
  return { kind: 'list', items: items.length ? commonType(items) : ANY };
}

export function decisionFieldType(field: DecisionField): ValueType {
  switch (field.type) {
    case 'enum': return { kind: 'enum', values: field.values ?? [] };
    case 'list': return { kind: 'list', items: field.values ? { kind: 'enum', values: field.values } : { kind: 'string' } };
    case 'number': return { kind: 'number' };
    default: return namedType(field.type);
  }
}

/**
 * The type of every fact path in the case schema (draft-07 as tiaoli writes it: `$ref` to
 * `#/definitions/…`, `allOf`, `calendarDate`, maps by `additionalProperties` +
 * `propertyNames`). Paths the schema does not type are left out (they read as `any`).
 */
export function caseFactTypes(caseSchema: Schema): Map<string, ValueType> {
  const out = new Map<string, ValueType>();
  const facts = (caseSchema?.properties as Schema | undefined)?.facts as Schema | undefined;
  const typeOf = (schema: unknown, path: string[], depth: number): ValueType => {
    const parts = schemaParts(caseSchema, schema);
    if (!parts.length || depth > 8) return ANY;
    const has = (key: string): unknown => parts.map((p) => p[key]).find((v) => v !== undefined);
    if (has('calendarDate') === true || has('format') === 'date') return { kind: 'date' };
    const enumValues = has('enum');
    if (Array.isArray(enumValues) && enumValues.every((v) => typeof v === 'string')) return { kind: 'enum', values: enumValues };
    const type = has('type');
    if (type === 'boolean') return { kind: 'boolean' };
    if (type === 'integer' || type === 'number') return { kind: 'number', integer: type === 'integer' };
    if (type === 'string') return { kind: 'string' };
    if (type === 'array') return { kind: 'list', items: typeOf(has('items'), [...path, '*'], depth + 1) };
    const fields = new Map<string, ValueType>();
    for (const part of parts) {
      for (const [key, sub] of Object.entries((part.properties ?? {}) as Schema)) {
        const t = typeOf(sub, [...path, key], depth + 1);
        fields.set(key, t);
        out.set([...path, key].join('.'), t);
      }
    }
    const additional = has('additionalProperties');
    if (additional && typeof additional === 'object' && !fields.size) {
      const values = typeOf(additional, [...path, '*'], depth + 1);
      const names = (has('propertyNames') as Schema | undefined)?.enum;
      const keys = Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : undefined;
      for (const key of keys ?? []) out.set([...path, key].join('.'), values);
      return { kind: 'map', keys, values };
    }
    return { kind: 'object', fields };
  };
  if (facts) typeOf(facts, [], 0);
  return out;
}

/** A schema and the parts it is made of (`$ref` followed, `allOf` spread), own properties only. */
function schemaParts(root: Schema, schema: unknown, depth = 0): Schema[] {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema) || depth > 8) return [];
  const s = schema as Schema;
  const parts: Schema[] = [s];
  const ref = Object.hasOwn(s, '$ref') ? s.$ref : undefined;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    const target = resolveRef(root, ref);
    parts.push(...schemaParts(root, target, depth + 1));
  }
  const allOf = Object.hasOwn(s, 'allOf') ? s.allOf : undefined;
  if (Array.isArray(allOf)) for (const sub of allOf) parts.push(...schemaParts(root, sub, depth + 1));
  return parts;
}
