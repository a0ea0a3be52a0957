// The offices file of a project (path → text), checked as part of checkProject: its county
// codes against the regulation's division codes once the rules have loaded.
import type { Regulation } from '../../model/model.js';
import { OFFICES_FILE, readOffices, type OfficesRead } from './read-offices.js';

/** The vocabulary list county codes come from. */
const DIVISIONS_LIST = 'divisions';

/** `printKinds`: the pages the project's print templates define (documentSeries may only number those). */
export function checkOfficesFile(files: Record<string, string>, regulation: Regulation | undefined, dir = 'forms', printKinds?: ReadonlySet<string>): OfficesRead {
  const path = `${dir}/${OFFICES_FILE}`;
  const text = Object.hasOwn(files, path) ? files[path] : undefined;
  if (text === undefined) return { offices: new Map(), problems: [], warnings: [], broken: new Map() };
  const lists = regulation?.vocabulary.lists;
  const divisions = lists && Object.hasOwn(lists, DIVISIONS_LIST) ? new Set(Object.keys(lists[DIVISIONS_LIST])) : undefined;
  return readOffices(text, path, divisions, printKinds);
}
