// The studio's workers check the whole project after every edit, though an edit changes one
// file: each YAML text read without a problem is kept (its data and positions, found by the
// exact text, as the command line's build keeps the project's files: core/source-file.ts), so
// the next check reads again only what was edited. Each find hands out a copy.
import { recordReadSources, useKnownSources, type KnownSource } from '../../../engine/core/source-file.js';

/** texts kept at most (every file of a project, and many drafts of the ones edited) */
const LIMIT = 5000;

export function keepReadTexts(): void {
  const known = new Map<string, KnownSource>();
  useKnownSources({ find: (text) => { const read = known.get(text); return read && structuredClone(read); } });
  recordReadSources((text, read) => {
    if (known.size >= LIMIT) known.clear();
    known.set(text, structuredClone(read));
  });
}
