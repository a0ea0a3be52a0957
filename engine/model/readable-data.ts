// A rule file with schema errors is still read: each error is reported once, at its own line,
// and what can be read is read, so that one slip does not hide the rest of the file nor
// make names it defines look undefined elsewhere (no follow-on errors).
//  - a key the schema does not have and that is a slip for one it has (`nmae:` for `name:`)
//    is reported with the near name and read as that name; any other unknown key is left out;
//  - an entry (an item of a list, an entry of a map of named things) that is still wrong is
//    left out, reported at its own errors only.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { didYouMean } from '../core/did-you-mean.js';
import { resolveRef } from '../core/json-pointer.js';
import { pathOf } from '../core/validation/error-wording.js';
import type { PathSegment } from '../core/source-file.js';

export interface ReadableData {
  /** the data to read (the file's own, or a repaired copy); undefined when nothing can be read */
  data: unknown;
  /** the errors to report, each once */
  errors: ErrorObject[];
  /** the entries left out for their errors (their paths in the file), so that nothing reports them missing */
  leftOut: PathSegment[][];
}

type Node = Record<string, unknown>;

/** The schema's property names an `additionalProperties` error is about. */
function allowedNames(schema: object, e: ErrorObject): string[] {
  const parent = (e.parentSchema ?? resolveRef(schema, e.schemaPath.replace(/\/additionalProperties$/, ''))) as { properties?: object } | undefined;
  return parent?.properties && typeof parent.properties === 'object' ? Object.keys(parent.properties) : [];
}

function nodeAt(data: unknown, path: PathSegment[]): unknown {
  let node = data;
  for (const key of path) {
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Node)[key as string];
  }
  return node;
}

/** The slip a misspelt key is for, if any (shown in its error and read so). */
export function intendedName(schema: object, e: ErrorObject, data: unknown): string | undefined {
  if (e.keyword !== 'additionalProperties') return undefined;
  const node = nodeAt(data, pathOf(e.instancePath));
  const near = didYouMean(String(e.params.additionalProperty), allowedNames(schema, e));
  return near !== undefined && node && typeof node === 'object' && !Object.hasOwn(node, near) ? near : undefined;
}

/**
 * `entryDepth`: how deep a named entry of the file is (2 for `rules: [ … ]` and `derived:
 * { name: … }` in an article file, 1 for a parameter file's parameters); 0 when the file is
 * one entry (it is read whole or not at all).
 */
export function readableData(validate: ValidateFunction, schema: object, data: unknown, entryDepth: number): ReadableData {
  if (validate(data)) return { data, errors: [], leftOut: [] };
  const first = [...(validate.errors ?? [])];
  const copy = structuredClone(data);
  const unknownKeys = first.filter((e) => e.keyword === 'additionalProperties');
  for (const e of unknownKeys) {
    const node = nodeAt(copy, pathOf(e.instancePath)) as Node | undefined;
    const key = String(e.params.additionalProperty);
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, key)) continue;
    const near = intendedName(schema, e, copy);
    if (near !== undefined) e.params = { ...e.params, intended: near };
    if (near !== undefined) Object.defineProperty(node, near, { value: node[key], writable: true, enumerable: true, configurable: true });
    delete node[key];
  }
  if (!unknownKeys.length) return pruned(validate, copy, first, entryDepth);
  // the unknown keys as written, then what is wrong once they are read as meant
  if (validate(copy)) return { data: copy, errors: unknownKeys, leftOut: [] };
  const rest = [...(validate.errors ?? [])];
  return pruned(validate, copy, [...unknownKeys, ...rest], entryDepth, rest);
}

/** The data with every entry that has an error left out, if that is then valid. */
function pruned(validate: ValidateFunction, data: unknown, errors: ErrorObject[], entryDepth: number, inData = errors): ReadableData {
  if (entryDepth === 0 || !data || typeof data !== 'object') return { data: undefined, errors, leftOut: [] };
  const drop = new Map<string, PathSegment[]>();
  for (const e of inData) {
    const path = pathOf(e.instancePath);
    // an error about the file or a section as a whole (a required section missing): nothing to leave out
    if (path.length < entryDepth) return { data: undefined, errors, leftOut: [] };
    const entry = path.slice(0, entryDepth);
    drop.set(JSON.stringify(entry), entry);
  }
  // a list item becomes null (skipped by the reader, so that the others keep their index and line)
  const lists = new Set<unknown[]>();
  for (const entry of drop.values()) {
    const parent = nodeAt(data, entry.slice(0, -1));
    const key = entry.at(-1)!;
    if (Array.isArray(parent) && typeof key === 'number') {
      parent[key] = null;
      lists.add(parent);
    } else if (parent && typeof parent === 'object') {
      delete (parent as Node)[key as string];
    }
  }
  // checked without the nulls
  const originals = [...lists].map((list) => [list, [...list]] as const);
  for (const [list] of originals) list.splice(0, list.length, ...list.filter((item) => item !== null));
  const ok = validate(data);
  for (const [list, items] of originals) list.splice(0, list.length, ...items);
  return { data: ok ? data : undefined, errors, leftOut: [...drop.values()] };
}
