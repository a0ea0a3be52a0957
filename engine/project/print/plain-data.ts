// What a print template may see: plain own data only. Objects are copied into objects with
// no prototype, so that no path in a template can reach Object, Function or any method —
// the way a template would otherwise run code.
export type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

const MAX_DEPTH = 64;

// Handlebars names an object in its strict-mode message ("x" not defined in …); an object
// with no prototype cannot be turned into text. A symbol key is out of any template's reach.
const NAMED: PropertyDescriptorMap = { [Symbol.toPrimitive]: { value: () => '（打印数据）', enumerable: false } };

/** A deep copy of JSON-like data: no prototypes, no functions, no getters; undefined dropped. */
export function plainData(value: unknown, depth = 0): Plain | undefined {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return String(value);
    case 'object':
      break;
    default:
      return undefined; // functions, symbols, undefined
  }
  if (depth >= MAX_DEPTH) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return Array.from(value, (x) => plainData(x, depth + 1) ?? null);
  const out = Object.create(null, NAMED) as { [key: string]: Plain };
  const entries = value instanceof Map ? [...value.entries()] : Object.keys(value as object).map((k) => [k, Object.getOwnPropertyDescriptor(value, k)?.value] as const);
  for (const [k, v] of entries) {
    if (typeof k !== 'string') continue;
    const copy = plainData(v, depth + 1);
    if (copy !== undefined) out[k] = copy;
  }
  return out;
}

/** `record[key]` when `key` is the record's own (or the Map's) entry; never an inherited one. */
export function own<T>(record: Record<string, T> | ReadonlyMap<string, T> | undefined | null, key: unknown): T | undefined {
  if (!record || typeof key !== 'string') return undefined;
  if (record instanceof Map) return record.get(key);
  return Object.hasOwn(record, key) ? (record as Record<string, T>)[key] : undefined;
}
