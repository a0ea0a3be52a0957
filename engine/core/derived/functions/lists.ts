import { isSettled } from '../../deep-freeze.js';
import { defineFunction } from '../function.js';

export const isOneOfFn = defineFunction({
  name: 'isOneOf',
  label: '是否在清单之内',
  args: { value: { type: 'any', label: '值' }, list: { type: 'list', label: '清单' } },
  returns: 'boolean',
  compute: ({ value, list }) => (list as unknown[]).includes(value),
});

export const firstPresentFn = defineFunction({
  name: 'firstPresent',
  label: '依次取第一个有值的',
  args: { values: { type: 'list', label: '候选值' } },
  returns: 'any',
  returnsItemOf: 'values',
  compute: ({ values }) => (values as unknown[]).find((v) => v !== undefined && v !== null),
});

/** A fixed list of codes (frozen all through: the same in every run) is made a Set once. */
const countedSets = new WeakMap<object, Set<unknown>>();
function countedCodes(codes: unknown[]): Set<unknown> {
  const kept = countedSets.get(codes);
  if (kept) return kept;
  const set = new Set(codes.flat(2));
  if (isSettled(codes)) countedSets.set(codes, set);
  return set;
}

export const countMaterialsFn = defineFunction({
  name: 'countMaterials',
  label: '所交材料中属于所列种类的件数',
  args: {
    materials: { type: 'object', optional: true, label: '所交材料（种类 → 件数）' },
    codes: { type: 'list', label: '计入的材料种类' },
  },
  returns: 'integer',
  compute: ({ materials, codes }) => {
    const counted = countedCodes(codes as unknown[]);
    let sum = 0;
    const given = materials as Record<string, number> | undefined;
    // own keys in Object.entries' order, added in that order
    if (given) for (const code in given) if (Object.hasOwn(given, code) && counted.has(code)) sum += given[code];
    return sum;
  },
});
