// The one path reader/writer (engine/core/json-pointer.ts) takes pointers from form files
// (mapping.asOf, fromDecision, `from:`) and `$ref`s from schemas: project files anyone with
// the studio can edit. A pointer through `__proto__`, `constructor` or `prototype` must
// neither read what every object inherits nor write into Object.prototype.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getPath, getPointer, resolveRef, setPath, setPointer } from '../../engine/core/json-pointer.js';

const INHERITED = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const prototypeKeys = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();
const before = prototypeKeys();

afterEach(() => {
  for (const key of prototypeKeys()) if (!before.includes(key)) delete (Object.prototype as Record<string, unknown>)[key];
});

describe('paths into data find own properties only', () => {
  it('reading /constructor, /__proto__ or /toString of a form finds nothing', () => {
    for (const key of INHERITED) {
      expect(getPointer({}, `/${key}`)).toBeUndefined();
      expect(getPath({ person: {} }, `person.${key}`)).toBeUndefined();
    }
    expect(resolveRef({ definitions: {} }, '#/definitions/constructor')).toBeUndefined();
  });

  it('writing through /__proto__ makes an own property and leaves Object.prototype alone', () => {
    const data: Record<string, unknown> = {};
    setPointer(data, '/__proto__/polluted', 'yes');
    setPath(data, 'constructor.prototype.polluted', 'yes');
    expect(prototypeKeys()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(getPointer(data, '/__proto__/polluted')).toBe('yes');
    expect(getPath(data, 'constructor.prototype.polluted')).toBe('yes');
  });

  it('1000 generated pointers over inherited and ordinary names: what is written is read back, nothing leaks', () => {
    const segment = fc.oneof(fc.constantFrom(...INHERITED), fc.constantFrom('a', 'b', '0', 'x~y', 'p/q'), fc.string({ minLength: 1, maxLength: 4 }));
    const pointer = fc.array(segment, { minLength: 1, maxLength: 5 }).map((keys) => `/${keys.map((k) => k.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`);
    fc.assert(fc.property(pointer, fc.jsonValue(), (p, value) => {
      const data: Record<string, unknown> = {};
      setPointer(data, p, value);
      expect(getPointer(data, p)).toStrictEqual(value);
      expect(prototypeKeys()).toEqual(before);
      expect(getPointer({}, p)).toBeUndefined();
    }), { numRuns: 1000 });
  });
});
