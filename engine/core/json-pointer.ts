// The one reader (and writer) of paths into data: JSON pointers (RFC 6901) for form data and
// schema `$ref`s, dotted paths for case facts. Own properties only: a pointer from a form
// file naming `/__proto__` or `/constructor` finds nothing and writes an own property.
import { own } from './own.js';

export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function readSegments(data: unknown, keys: readonly string[]): unknown {
  let node = data;
  for (const key of keys) {
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function getPointer(data: unknown, pointer: string): unknown {
  return readSegments(data, pointerSegments(pointer));
}

/** A schema's local `$ref` (`#/definitions/x`), resolved in its root document. */
export function resolveRef(root: unknown, ref: string): unknown {
  return ref.startsWith('#/') ? getPointer(root, ref.slice(1)) : undefined;
}

function setOwn(node: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
}

export function setPointer(data: Record<string, unknown>, pointer: string, value: unknown): void {
  const keys = pointerSegments(pointer);
  let node: Record<string, unknown> = data;
  keys.slice(0, -1).forEach((key) => {
    const next = own(node, key);
    if (!next || typeof next !== 'object') setOwn(node, key, {});
    node = own(node, key) as Record<string, unknown>;
  });
  setOwn(node, keys[keys.length - 1], value);
}

export function getPath(data: unknown, path: string): unknown {
  return readSegments(data, path.split('.'));
}

export function setPath(data: Record<string, unknown>, path: string, value: unknown): void {
  setPointer(data, `/${path.split('.').map((k) => k.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`, value);
}
