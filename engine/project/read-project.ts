// A project read from disk into the one shape every check takes: path → text, under
// rules/, forms/ and test/cases/ (Node only). `tiaoli lint` checks this map with
// checkProject, as the server's save and the studio's editor do.
import { existsSync, statSync } from 'node:fs';
import { readTextFilesChecked } from '../model/load-regulation.js';
import type { Problem } from '../core/source-file.js';

export interface ProjectDirs {
  rules: string;
  forms: string;
  cases: string;
}

export interface ReadProject {
  /** 'rules/…', 'forms/…', 'test/cases/…' → text, for every file that is UTF-8 text */
  files: Record<string, string>;
  /** one per file that is not (GBK, UTF-16…), named as shown */
  problems: Problem[];
  /** how each folder's files are named in messages: 'rules' → '../other/rules', say */
  shown: Map<string, string>;
}

const FOLDERS: ReadonlyArray<{ key: keyof ProjectDirs; prefix: string; pattern: RegExp }> = [
  { key: 'rules', prefix: 'rules', pattern: /\.(ya?ml|txt)$/ },
  { key: 'forms', prefix: 'forms', pattern: /\.(ya?ml|hbs)$/ },
  { key: 'cases', prefix: 'test/cases', pattern: /\.ya?ml$/ },
];

/** `shownAs(dir)`: how a folder is named in messages (relative to where the command runs). */
export function readProject(dirs: ProjectDirs, shownAs: (dir: string) => string): ReadProject {
  // a Map first: names from disk never meet an object's inherited properties
  const files = new Map<string, string>();
  const problems: Problem[] = [];
  const shown = new Map<string, string>();
  for (const { key, prefix, pattern } of FOLDERS) {
    const dir = dirs[key];
    shown.set(prefix, shownAs(dir));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    const read = readTextFilesChecked(dir, pattern, shownAs(dir));
    for (const [rel, text] of read.files) files.set(`${prefix}/${rel}`, text);
    problems.push(...read.problems);
  }
  return { files: Object.fromEntries(files), problems, shown };
}

/** A problem of checkProject (named 'rules/…') renamed as the folder is shown ('../x/rules/…'). */
export function renamed(problem: Problem, shown: Map<string, string>): Problem {
  for (const [prefix, as] of shown) {
    if (as !== prefix && problem.location.file.startsWith(`${prefix}/`)) {
      return { ...problem, location: { ...problem.location, file: `${as}/${problem.location.file.slice(prefix.length + 1)}` } };
    }
  }
  return problem;
}
