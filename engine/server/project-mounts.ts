// The projects a studio serves beside its own: each folder of <root>/projects that holds a
// rules/regulation.yaml (the national 条例 and a provincial regulation beside Qujing's
// measures, say) is served at /p/<folder>/, with its own rules, fixtures, register and
// sessions, and the studio's header lets a person pick one. A folder's name is its id:
// plain lower-case ASCII, so it is safe in a path; a folder with any other name is skipped.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** A project as the studio's picker shows it: its id, the title of its regulation, and where it is served. */
export interface ProjectLink { id: string; title: string; href: string }

export interface ProjectMount extends ProjectLink { dir: string }

const MOUNT_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** the path of a mounted project's pages and API: /p/<id>/… */
export const MOUNT_PATH = /^\/p\/([a-z0-9][a-z0-9-]{0,63})(\/.*)?$/;

/** The regulation's title in its rules/regulation.yaml, or undefined when it cannot be read. */
export function regulationTitle(dir: string): string | undefined {
  try {
    const text = readFileSync(join(dir, 'rules', 'regulation.yaml'), 'utf8');
    if (text.length > 1_000_000) return undefined;
    const data: unknown = parse(text, { maxAliasCount: 0 });
    if (data && typeof data === 'object' && Object.hasOwn(data, 'title')) {
      const title = (data as Record<string, unknown>).title;
      if (typeof title === 'string' && title.trim() && title.length <= 200) return title.trim();
    }
  } catch {
    // a regulation.yaml that does not parse: the project's own check says where
  }
  return undefined;
}

/** The projects under <root>/projects, in name order. */
export function findProjectMounts(root: string): ProjectMount[] {
  const base = join(root, 'projects');
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return [];
  }
  return names.sort().flatMap((id) => {
    if (!MOUNT_ID.test(id)) return [];
    const dir = join(base, id);
    try {
      if (!statSync(dir).isDirectory() || !existsSync(join(dir, 'rules', 'regulation.yaml'))) return [];
    } catch {
      return [];
    }
    return [{ id, dir, title: regulationTitle(dir) ?? id, href: `/p/${id}/` }];
  });
}
