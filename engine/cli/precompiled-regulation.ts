// The regulation of the project's own rules folder as `npm run build` built and checked it
// (build/precompile.ts, writeRegulation), so that one `tiaoli decide` does not check every
// rule file again. It is taken only when the folder's files, every name and every text, hash
// to what the build read (SHA-256): an edited, added or removed file is read and checked
// afresh. The folder's place and the way messages name it are filled in when it is taken.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize } from 'node:v8';
import type { KnownRegulations, RuleFiles } from '../model/load-regulation.js';
import type { Regulation } from '../model/model.js';
import { deepFreeze } from '../core/deep-freeze.js';

/** engine/dist/regulations.json */
export interface RegulationIndex {
  /** the V8 that serialized them (node:v8), which must be the one running */
  v8: string;
  /** the files' hash (rulesKey) → the serialized regulation's file, in the same folder */
  regulations: Record<string, string>;
}

export const REGULATION_INDEX = 'regulations.json';

/** Stand-ins for the folder and the name messages give it, filled in by fillIn. */
export const DIR_MARK = '\u0000dir\u0000';
export const SHOWN_MARK = '\u0000shown\u0000';

/** The SHA-256 of every file of a rules folder, names and texts, in name order. */
export function rulesKey(files: RuleFiles): string {
  const hash = createHash('sha256');
  for (const name of [...files.keys()].sort()) hash.update(`${name}\u0000${files.get(name)}\u0000`);
  return hash.digest('hex');
}

/** Puts the folder and its shown name where the build put DIR_MARK and SHOWN_MARK (in place). */
export function fillIn<T>(value: T, dir: string, shownAs: string): T {
  const fill = (s: string): string => (s === DIR_MARK ? dir : s.startsWith(`${SHOWN_MARK}/`) ? shownAs + s.slice(SHOWN_MARK.length) : s);
  const seen = new Set<object>();
  const stack: object[] = value && typeof value === 'object' ? [value] : [];
  while (stack.length) {
    const node = stack.pop() as Record<string, unknown>;
    for (const key of Object.keys(node)) {
      const v = node[key];
      if (typeof v === 'string') {
        if (v.charCodeAt(0) === 0) node[key] = fill(v);
      } else if (v && typeof v === 'object' && !seen.has(v)) {
        seen.add(v);
        stack.push(v);
      }
    }
  }
  return value;
}

export function precompiledRegulations(indexFile: string): KnownRegulations {
  let index: Record<string, string> | null | undefined;
  const load = (): Record<string, string> | null => {
    try {
      const read = JSON.parse(readFileSync(indexFile, 'utf8')) as RegulationIndex;
      return read.v8 === process.versions.v8 && read.regulations && typeof read.regulations === 'object' ? read.regulations : null;
    } catch {
      return null; // no build, or a broken one: build the regulation
    }
  };
  return {
    find(files: RuleFiles, dir: string, shownAs: string): Regulation | undefined {
      if (!shownAs) return undefined;
      index ??= load();
      if (!index) return undefined;
      const key = rulesKey(files);
      const file = Object.hasOwn(index, key) ? index[key] : undefined;
      if (typeof file !== 'string' || !/^[0-9a-f]{64}\.bin$/.test(file)) return undefined;
      try {
        const regulation = deserialize(readFileSync(join(dirname(indexFile), file))) as Regulation;
        if (!regulation || typeof regulation !== 'object' || !Array.isArray(regulation.rules)) return undefined;
        // as buildRegulation leaves it: the words settled
        deepFreeze(regulation.vocabulary);
        return fillIn(regulation, dir, shownAs);
      } catch {
        return undefined;
      }
    },
  };
}
