// How a fact name in a rule is read. Four namespaces, plus the decision date:
//   asOf                      the day the decision is made
//   person.idNumber, …        a path into the case's facts
//   derived.NAME              a derived fact (a function over other facts)
//   params.NAME               a parameter's value on asOf
//   decisions.NAME.FIELD      a field of another decision
export type FactName =
  | { kind: 'asOf' }
  | { kind: 'case'; path: string[] }
  | { kind: 'derived'; name: string }
  | { kind: 'param'; name: string }
  | { kind: 'decision'; decision: string; field: string };

const factNameCache = new Map<string, FactName | undefined>();

export function readFactName(name: string): FactName | undefined {
  if (!factNameCache.has(name)) factNameCache.set(name, parseFactName(name));
  return factNameCache.get(name);
}

function parseFactName(name: string): FactName | undefined {
  if (name === 'asOf') return { kind: 'asOf' };
  const parts = name.split('.');
  if (parts.some((p) => p === '')) return undefined;
  switch (parts[0]) {
    case 'derived':
      return parts.length === 2 ? { kind: 'derived', name: parts[1] } : undefined;
    case 'params':
      return parts.length === 2 ? { kind: 'param', name: parts[1] } : undefined;
    case 'decisions':
      return parts.length === 3 ? { kind: 'decision', decision: parts[1], field: parts[2] } : undefined;
    default:
      return { kind: 'case', path: parts };
  }
}

/** A value in YAML that refers to a fact: `{ fact: NAME }` or `{ fact: NAME, path: FIELD }`. */
export interface FactRef { fact: string; path?: string }

export function isFactRef(value: unknown): value is FactRef {
  return (
    !!value && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'fact') && typeof (value as FactRef).fact === 'string' &&
    Object.keys(value).every((k) => k === 'fact' || k === 'path')
  );
}

/** Every fact reference inside a value (literal lists and maps may hold references). */
export function factRefsIn(value: unknown): FactRef[] {
  if (isFactRef(value)) return [value];
  if (Array.isArray(value)) return value.flatMap(factRefsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(factRefsIn);
  return [];
}

/** Conditions of a rule, flattened: each leaf with its place in the tree. */
export interface ConditionLeaf { fact: string; operator: string; value: unknown; path?: string; at: (string | number)[] }

export function conditionLeaves(node: any, at: (string | number)[] = []): ConditionLeaf[] {
  if (!node || typeof node !== 'object') return [];
  if (Object.hasOwn(node, 'all') && Array.isArray(node.all)) return node.all.flatMap((c: unknown, i: number) => conditionLeaves(c, [...at, 'all', i]));
  if (Object.hasOwn(node, 'any') && Array.isArray(node.any)) return node.any.flatMap((c: unknown, i: number) => conditionLeaves(c, [...at, 'any', i]));
  if (Object.hasOwn(node, 'not') && node.not) return conditionLeaves(node.not, [...at, 'not']);
  return [{ fact: node.fact, operator: node.operator, value: node.value, path: node.path, at }];
}

/**
 * A dotted path into an object, for `path:` in conditions (never JSONPath: a rule file is
 * user input). Own properties only: `constructor` or `__proto__` find nothing.
 */
export function resolvePath(value: unknown, path: unknown): unknown {
  if (typeof path !== 'string') return undefined;
  let current: unknown = value;
  for (const key of path.replace(/^\$\.?/, '').split('.').filter(Boolean)) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
