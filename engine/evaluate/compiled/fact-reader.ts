// Reading facts the way json-rules-engine reads them here, worked out once per name when
// the rules are compiled: `path:` into a fact's value (resolvePath's meaning: a dotted path,
// own properties only; a value that is not an object is returned as it is, as the almanac
// does), and the value of a YAML value with every fact reference in it replaced.
import { isFactRef } from '../../core/fact-names.js';
import { isInheritedName } from '../../core/own.js';
import { deepFreeze } from '../../core/deep-freeze.js';
import type { CompiledRun } from './compiled-run.js';

export type Read = (run: CompiledRun) => unknown;

/** The keys resolvePath walks for a dotted path. */
export function pathKeys(path: string): string[] {
  return path.replace(/^\$\.?/, '').split('.').filter(Boolean);
}

/** resolvePath(value, path), with the path split once. */
export function pathWalker(path: unknown): (value: unknown) => unknown {
  if (typeof path !== 'string') return () => undefined;
  const keys = pathKeys(path);
  if (keys.length === 1) {
    const [key] = keys;
    return (value) => (value !== null && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined);
  }
  if (keys.length === 2) {
    const [first, second] = keys;
    return (value) => {
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, first)) return undefined;
      const inner = (value as Record<string, unknown>)[first];
      return inner !== null && typeof inner === 'object' && Object.hasOwn(inner, second) ? (inner as Record<string, unknown>)[second] : undefined;
    };
  }
  return (value) => {
    let current = value;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
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

/** Whether a YAML value names no fact anywhere in it. */
function isFixed(spec: unknown): boolean {
  if (isFactRef(spec)) return false;
  if (Array.isArray(spec)) return spec.every(isFixed);
  if (spec && typeof spec === 'object') return Object.values(spec).every(isFixed);
  return true;
}

/**
 * A value in YAML with every fact reference replaced by the fact's value (derived-value.ts
 * `resolveValue`): lists and maps are made anew each time, literals are returned as they are.
 * With `fixed`, a list or map that names no fact is made once, frozen and shared by every
 * run (derived functions' arguments: nothing changes them), and a list of fixed values and
 * facts is the same list while its items are.
 */
export function compileValue(spec: unknown, readFact: (name: string) => Read, fixed = false): Read {
  if (fixed && spec !== null && typeof spec === 'object' && isFixed(spec)) {
    const value = deepFreeze(structuredClone(spec));
    return () => value;
  }
  if (isFactRef(spec)) return withPath(readFact(spec.fact), spec.path ?? '');
  if (Array.isArray(spec)) {
    const items = spec.map((s) => compileValue(s, readFact, fixed));
    if (!fixed) return (run) => items.map((item) => item(run));
    // a list of fixed values and parameters: the same list (frozen) while its items are the same
    let last: unknown[] | undefined;
    return (run) => {
      const now = items.map((item) => item(run));
      if (last && now.every((v, i) => v === last![i])) return Object.isFrozen(last) ? last : Object.freeze(last);
      return (last = now);
    };
  }
  if (spec && typeof spec === 'object') {
    const entries = Object.entries(spec).map(([k, v]) => [k, compileValue(v, readFact, fixed)] as const);
    if (entries.some(([k]) => isInheritedName(k))) return (run) => Object.fromEntries(entries.map(([k, read]) => [k, read(run)]));
    return (run) => {
      const out: Record<string, unknown> = {};
      for (const [k, read] of entries) out[k] = read(run);
      return out;
    };
  }
  return () => spec;
}
