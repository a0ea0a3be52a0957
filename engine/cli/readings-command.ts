// `tiaoli readings [PATH…]`: each interpretation with executable alternatives, and for
// each alternative the fixtures whose decision changes under it (default: test/cases).
import { existsSync } from 'node:fs';
import { loadProjectDecider } from './project-decider.js';
import { readFixtures } from '../project/fixtures/find-fixtures.js';
import { readingImpact } from '../project/fixtures/reading-impact.js';
import { casesDir, loadOrReport, type ProjectOptions } from './rules-dir.js';

export async function readingsCommand(paths: string[], options: ProjectOptions & { json?: boolean }): Promise<number> {
  const regulation = loadOrReport(options);
  if (!regulation) return 2;
  const targets = paths.length ? paths : [casesDir(options)];
  const absent = targets.filter((p) => !existsSync(p));
  if (absent.length) {
    process.stderr.write(`找不到：${absent.join('、')}\n`);
    return 1;
  }
  const project = loadProjectDecider(regulation, options);
  if (!project) return 2;
  const impact = await readingImpact(project.decider, readFixtures(targets));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(impact, null, 2)}\n`);
    return 0;
  }
  for (const i of impact) {
    process.stdout.write(`${i.interpretation}（${i.title}）= ${i.alternative}${i.isDefault ? '（默认）' : ''}：${i.changed.length} 个夹具的决定改变\n`);
    for (const c of i.changed) process.stdout.write(`  ${c.file}  ${c.fields.join('、')}\n`);
  }
  if (!impact.length) process.stdout.write('没有带可执行读法的解释\n');
  return 0;
}
