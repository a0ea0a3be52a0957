// Loads a rules folder from disk (Node only); the building itself is build-regulation.ts,
// which the studio also runs in the browser.
import { readdirSync } from 'node:fs';
import { NotPlainFile, readPlainFile } from './read-plain-file.js';
import { join, relative } from 'node:path';
import { ProblemsError, type Problem } from '../core/source-file.js';
import { decodeText } from '../core/decode-text.js';
import type { Regulation } from './model.js';
import { loadRegulationFiles, type LoadResult, type RuleFiles } from './build-regulation.js';

export { loadRegulationFiles, type LoadResult, type RuleFiles } from './build-regulation.js';

export interface CheckedFiles {
  /** Path relative to the folder → text, for every file that is UTF-8 text. */
  files: Map<string, string>;
  /** One per file that is not (GBK, UTF-16, …), at the line and column of its first bad byte. */
  problems: Problem[];
}

/**
 * Every YAML and text file below a folder. Symbolic links and anything that is not a plain
 * file or folder are skipped: a link could lead the studio to read (and save) outside the
 * project. `shownAs` is how paths start in problems.
 */
export function readTextFilesChecked(dir: string, pattern = /\.(ya?ml|txt)$/, shownAs = relative(process.cwd(), dir) || '.'): CheckedFiles {
  const files = new Map<string, string>();
  const problems: Problem[] = [];
  walkTextFiles(dir, pattern, (rel, bytes) => {
    const decoded = decodeText(shownAs === '' ? rel : `${shownAs}/${rel}`, bytes);
    if (decoded.text !== undefined) files.set(rel, decoded.text);
    problems.push(...decoded.problems);
  }, (rel, kind) => {
    const shown = shownAs === '' ? rel : `${shownAs}/${rel}`;
    problems.push({ code: 'file.notPlain', message: new NotPlainFile(shown, kind).message, location: { file: shown, line: 1, column: 1 } });
  });
  return { files, problems };
}

/**
 * `refused`: a FIFO, device or socket with a name of the pattern (it would hold the reader for
 * ever); it is never opened for reading. Links are skipped as before.
 */
function walkTextFiles(dir: string, pattern: RegExp, found: (rel: string, bytes: Uint8Array) => void, refused?: (rel: string, kind: string) => void): void {
  const walk = (sub: string): void => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) walk(rel);
      else if (pattern.test(entry.name) && !entry.isFile()) {
        const kind = entry.isFIFO() ? '命名管道（FIFO）' : entry.isCharacterDevice() ? '字符设备' : entry.isBlockDevice() ? '块设备' : entry.isSocket() ? '套接字' : undefined;
        if (kind) refused?.(rel, kind); // never opened
      } else if (pattern.test(entry.name)) {
        const full = join(dir, rel);
        let bytes: Uint8Array;
        try {
          // opened without following a link and looked at before reading: replaced since the listing, it is what is read now
          bytes = readPlainFile(full, { noFollow: true, shownAs: rel });
        } catch (e) {
          if (e instanceof NotPlainFile) refused?.(rel, e.kind);
          else if ((e as NodeJS.ErrnoException).code !== 'ELOOP') throw e; // ELOOP: replaced by a link
          continue;
        }
        found(rel, bytes);
      }
    }
  };
  walk('');
}

/**
 * Every YAML and text file below a folder, as path relative to it → text. A file that is
 * not UTF-8 is not dropped: its bad bytes read as U+FFFD, which parseSource names at their
 * line and column. Callers that can report problems use readTextFilesChecked, which names
 * the encoding (GBK, UTF-16) instead.
 */
export function readTextFiles(dir: string, pattern = /\.(ya?ml|txt)$/): Map<string, string> {
  const files = new Map<string, string>();
  walkTextFiles(dir, pattern, (rel, bytes) => files.set(rel, new TextDecoder('utf-8').decode(bytes)));
  return files;
}

export function readRuleFiles(dir: string): RuleFiles {
  return readTextFiles(dir);
}

/**
 * Regulations built before (by `npm run build`) from exactly these texts: one is taken only
 * when every file of the folder, name and text, is the same, so an edited, added or removed
 * file is always read and checked afresh (the command line offers them, engine/cli).
 */
export interface KnownRegulations {
  /** The regulation loadRegulationFiles(dir, files, shownAs) builds, or undefined when not known. */
  find(files: RuleFiles, dir: string, shownAs: string): Regulation | undefined;
}

let known: KnownRegulations | undefined;

/** Regulations built ahead of time, looked up before building one (Node only). */
export function useKnownRegulations(source: KnownRegulations | undefined): void {
  known = source;
}

export function loadRegulation(dir: string): LoadResult {
  const shownAs = relative(process.cwd(), dir) || '.';
  const { files, problems } = readTextFilesChecked(dir, undefined, shownAs);
  const regulation = problems.length ? undefined : known?.find(files, dir, shownAs);
  if (regulation) return { regulation, problems: [] };
  const result = loadRegulationFiles(dir, files, shownAs);
  return { ...result, problems: [...problems, ...result.problems] };
}

/** Load or throw every problem found, each with its file:line:column. */
export function loadRegulationOrThrow(dir: string): Regulation {
  const { regulation, problems } = loadRegulation(dir);
  if (problems.length || !regulation) throw new ProblemsError(problems);
  return regulation;
}
