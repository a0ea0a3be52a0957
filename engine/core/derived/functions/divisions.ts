import { isSettled } from '../../deep-freeze.js';
import { defineFunction } from '../function.js';

/** One row of a table of division-code changes (rules/parameters/divisions.yaml). */
interface Succession {
  former: string;
  successor: string;
}

/**
 * The code a division has now: a former code (of a county since merged or renamed) is read as the code of the
 * division that succeeded it, following the chain; any other code is itself.
 * A chain that loops is cut at the first repeat rather than followed forever.
 */
export const currentDivisionFn = defineFunction({
  name: 'currentDivision',
  label: '行政区划代码的现行代码（旧代码按其承继的代码）',
  args: {
    code: { type: 'string', label: '行政区划代码' },
    successions: { type: 'list', label: '代码变更表（旧代码 → 现行代码）' },
  },
  returns: 'string',
  compute: ({ code, successions }) => {
    const next = successionsOf(successions as Succession[]);
    let current = String(code);
    const seen = new Set([current]);
    while (next.has(current) && !seen.has(next.get(current)!)) {
      current = next.get(current)!;
      seen.add(current);
    }
    return current;
  },
});

/**
 * A table of successions as former → successor; made once for a table frozen all through (a
 * parameter's value, the same in every run), anew for any other.
 */
const successionMaps = new WeakMap<object, Map<string, string>>();
function successionsOf(successions: Succession[]): Map<string, string> {
  const kept = successionMaps.get(successions);
  if (kept) return kept;
  const next = new Map<string, string>();
  for (const row of successions) {
    if (row && typeof row === 'object' && typeof row.former === 'string' && typeof row.successor === 'string') next.set(row.former, row.successor);
  }
  if (isSettled(successions)) successionMaps.set(successions, next);
  return next;
}

/** One row of a table of townships: its code and whether it is a street or a town. */
interface DivisionRow {
  code: string;
  kind: string;
}

/**
 * Whether a township is a street or a town: for a code the table has, the table's kind (it
 * comes from the division dataset); otherwise the kind the case states, if any.
 */
export const divisionKindFn = defineFunction({
  name: 'divisionKind',
  label: '乡镇、街道的类别（有代码的按代码表，否则按所填类别）',
  args: {
    code: { type: 'string', optional: true, label: '乡镇、街道代码' },
    given: { type: 'string', optional: true, label: '所填类别' },
    table: { type: 'list', label: '乡镇、街道代码表（代码、名称、类别）' },
  },
  returns: 'string',
  // typed as the kind the case states (street | town), so a rule comparing it with a value
  // outside that list is a lint error
  returnsItemOf: 'given',
  compute: ({ code, given, table }) => {
    if (typeof code === 'string') {
      const rows = table as DivisionRow[];
      const row = isSettled(rows) ? rowsByCode(rows).get(code) : rows.find((r) => r && typeof r === 'object' && r.code === code);
      if (row && typeof row.kind === 'string') return row.kind;
    }
    return typeof given === 'string' ? given : undefined;
  },
});

/** A settled (frozen all through) table's rows by code (the first row of a code, as `find` gives it), made once. */
const tableIndexes = new WeakMap<object, Map<string, DivisionRow>>();
function rowsByCode(table: DivisionRow[]): Map<string, DivisionRow> {
  let index = tableIndexes.get(table);
  if (!index) {
    index = new Map();
    for (const r of table) if (r && typeof r === 'object' && typeof r.code === 'string' && !index.has(r.code)) index.set(r.code, r);
    tableIndexes.set(table, index);
  }
  return index;
}

/**
 * Whether two places are the same division: by their codes when both have one, else by
 * their names when both have one; undefined (cannot tell) otherwise.
 */
export const sameDivisionFn = defineFunction({
  name: 'sameDivision',
  label: '是否同一乡镇、街道（都有代码的比较代码，否则比较名称）',
  args: {
    code: { type: 'string', optional: true, label: '一处的代码' },
    name: { type: 'string', optional: true, label: '一处的名称' },
    otherCode: { type: 'string', optional: true, label: '另一处的代码' },
    otherName: { type: 'string', optional: true, label: '另一处的名称' },
  },
  returns: 'boolean',
  compute: ({ code, name, otherCode, otherName }) => {
    if (typeof code === 'string' && typeof otherCode === 'string') return code === otherCode;
    if (typeof name === 'string' && typeof otherName === 'string') return name.trim() === otherName.trim();
    return undefined;
  },
});

/**
 * A GB/T 2260 code (6 digits, or a township's 9) with its county part read as the current code
 * (a former code through the table of successions, as currentDivision reads it); undefined for
 * anything that is not such a code.
 */
function currentCode(code: unknown, successions: unknown): string | undefined {
  if (typeof code !== 'string' || !/^\d{6}(\d{3})?$/.test(code)) return undefined;
  const county = Array.isArray(successions) ? currentDivisionFn.compute({ code: code.slice(0, 6), successions }) as string : code.slice(0, 6);
  return county + code.slice(6);
}

/** Whether two codes have the same first `digits` digits once read as current codes; undefined when either is not a code. */
function sameLevel(digits: number): (args: Record<string, unknown>) => boolean | undefined {
  return ({ code, otherCode, successions }) => {
    const a = currentCode(code, successions);
    const b = currentCode(otherCode, successions);
    return a === undefined || b === undefined ? undefined : a.slice(0, digits) === b.slice(0, digits);
  };
}

const pairArgs = {
  code: { type: 'string', optional: true, label: '一处的行政区划代码' },
  otherCode: { type: 'string', optional: true, label: '另一处的行政区划代码' },
  successions: { type: 'list', optional: true, label: '代码变更表（旧代码 → 现行代码；旧代码先读作现行代码）' },
} as const;

/** Whether two places are in the same city (市、地区、州、盟): the first 4 digits of their current codes. */
export const sameCityFn = defineFunction({
  name: 'sameCity',
  label: '是否同一市（地区、州、盟）（比较现行代码的前 4 位）',
  args: pairArgs,
  returns: 'boolean',
  compute: sameLevel(4),
});

/** Whether two places are in the same county (县、市、区): the first 6 digits of their current codes. */
export const sameCountyFn = defineFunction({
  name: 'sameCounty',
  label: '是否同一县（市、区）（比较现行代码的前 6 位）',
  args: pairArgs,
  returns: 'boolean',
  compute: sameLevel(6),
});

/** Whether a place is in a province (省、自治区、直辖市): the first 2 digits of its current code and of the province's. */
export const inProvinceFn = defineFunction({
  name: 'inProvince',
  label: '是否在某省（自治区、直辖市）内（比较现行代码的前 2 位）',
  args: {
    code: { type: 'string', optional: true, label: '行政区划代码' },
    province: { type: 'string', label: '省级行政区划代码（如 530000）' },
    successions: pairArgs.successions,
  },
  returns: 'boolean',
  compute: ({ code, province, successions }) => {
    const a = currentCode(code, successions);
    return a === undefined || typeof province !== 'string' || !/^\d{2}(\d{4})?$/.test(province) ? undefined : a.slice(0, 2) === province.slice(0, 2);
  },
});
