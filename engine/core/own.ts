// Looking a name up in a record: own properties only. Names come from rule files, case
// files and requests; in a plain object `constructor`, `toString` or `__proto__` would find
// what every object inherits (a function, the prototype) and pass for a known name.

/** The value a record holds under `name` itself, never an inherited one. */
export function own<T>(record: Readonly<Record<string, T>> | undefined | null, name: unknown): T | undefined {
  if (record === undefined || record === null || typeof name !== 'string') return undefined;
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

/**
 * Names every object inherits (Object.prototype's). A rules folder may not define these:
 * they would be mistaken for the inherited ones by any code that looks names up loosely.
 */
const INHERITED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

export function isInheritedName(name: string): boolean {
  return INHERITED_NAMES.has(name);
}
