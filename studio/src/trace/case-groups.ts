// The trace's cases grouped by the article their folder is about (test/cases/13-application/
// → 第十三条), in the regulation's order, and narrowed by a search over names and files.
import { articleLabel } from '../../../engine/explain/article-label.js';
import type { FixtureResult } from '../../../engine/project/fixtures/run-fixtures.js';

export interface CaseGroup { label: string; article?: number; cases: Array<{ file: string; name: string }> }

export function caseGroups(fixtures: FixtureResult[], query: string, other: string): CaseGroup[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<string, CaseGroup>();
  for (const f of fixtures) {
    const name = f.name ?? f.file;
    const haystack = `${name} ${f.file}`.toLowerCase();
    if (!words.every((w) => haystack.includes(w))) continue;
    const folder = f.file.split('/').slice(0, -1).join('/');
    const m = /^(\d+)-(.+)$/.exec(folder.split('/').pop() ?? '');
    const article = m ? Number(m[1]) : undefined;
    const key = article === undefined ? `~${folder}` : String(article).padStart(3, '0');
    const label = article === undefined ? other : articleLabel(String(article));
    const group = groups.get(key) ?? { label, article, cases: [] };
    group.cases.push({ file: f.file, name });
    groups.set(key, group);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => g);
}
