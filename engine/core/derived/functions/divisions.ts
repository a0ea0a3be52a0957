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
    const next = new Map<string, string>();
    for (const row of successions as Succession[]) {
      if (row && typeof row === 'object' && typeof row.former === 'string' && typeof row.successor === 'string') next.set(row.former, row.successor);
    }
    let current = String(code);
    const seen = new Set([current]);
    while (next.has(current) && !seen.has(next.get(current)!)) {
      current = next.get(current)!;
      seen.add(current);
    }
    return current;
  },
});
