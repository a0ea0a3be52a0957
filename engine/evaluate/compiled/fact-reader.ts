// Reading facts the way json-rules-engine reads them here, worked out once per name when
// the rules are compiled: `path:` into a fact's value (resolvePath's meaning: a dotted path,
// own properties only; a value that is not an object is returned as it is, as the almanac
// does), and the value of a YAML value with every fact reference in it replaced.
import { isFactRef } from '../../core/fact-names.js';
import { isInheritedName } from '../../core/own.js';
import type { CompiledRun } from './compiled-run.js';

export type Read = (run: CompiledRun) => unknown;

/** resolvePath(value, path), with the path split once. */
export function pathWalker(path: unknown): (value: unknown) => unknown {
  if (typeof path !== 'string') return () => undefined;
  const keys = path.replace(/^\$\.?/, '').split('.').filter(Boolean);
  if (keys.length === 1) {
    const [key] = keys;
    return (value) => (value !== null && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined);
  }
  return (value) => {
    let current = value;
    for (const key of keys) {
      if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
      current = (current as Record<string, unknown>)[key];
    }
    return current;
  };
}

/** The almanac's `factValue(fact, params, path)` on a value already worked out. */
export function almanacPath(path: unknown): ((value: unknown) => unknown) | undefined {
  if (!path) return undefined;
  const walk = pathWalker(path);
  return (value) => (value != null && typeof value === 'object' ? walk(value) : value);
}

/** A fact read with an optional path, given how to read the fact itself. */
export function withPath(read: Read, path: unknown): Read {
  const at = almanacPath(path);
  return at ? (run) => at(read(run)) : read;
}

/**
 * A value in YAML with every fact reference replaced by the fact's value (derived-value.ts
 * `resolveValue`): lists and maps are made anew each time, literals are returned as they are.
 */
export function compileValue(spec: unknown, readFact: (name: string) => Read): Read {
  if (isFactRef(spec)) return withPath(readFact(spec.fact), spec.path ?? '');
  if (Array.isArray(spec)) {
    const items = spec.map((s) => compileValue(s, readFact));
    return (run) => items.map((item) => item(run));
  }
  if (spec && typeof spec === 'object') {
    const entries = Object.entries(spec).map(([k, v]) => [k, compileValue(v, readFact)] as const);
    if (entries.some(([k]) => isInheritedName(k))) return (run) => Object.fromEntries(entries.map(([k, read]) => [k, read(run)]));
    return (run) => {
      const out: Record<string, unknown> = {};
      for (const [k, read] of entries) out[k] = read(run);
      return out;
    };
  }
  return () => spec;
}
