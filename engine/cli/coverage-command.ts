// `tiaoli coverage`: each article and paragraph with what encodes it and what tests it.
import { loadProjectDecider } from './project-decider.js';
import { coverage } from '../project/coverage.js';
import { runFixtures } from '../project/fixtures/run-fixtures.js';
import { readFixtures } from '../project/fixtures/find-fixtures.js';
import { articleLabel } from '../explain/article-label.js';
import { casesDir, loadOrReport, type ProjectOptions } from './rules-dir.js';

export async function coverageCommand(paths: string[], options: ProjectOptions & { json?: boolean; strict?: boolean }): Promise<number> {
  const regulation = loadOrReport(options);
  if (!regulation) return 2;
  const project = loadProjectDecider(regulation, options);
  if (!project) return 2;
  const fixtures = await runFixtures(project.decider, readFixtures(paths.length ? paths : [casesDir(options)]));
  const report = coverage(regulation, fixtures);
  const paragraphs = report.flatMap((a) => a.paragraphs);
  const gaps = paragraphs.filter((p) => p.unencoded || p.untested);
  if (options.json) {
    const interpretations = Object.values(regulation.interpretations).map((i) => ({
      id: i.id, title: i.title, articles: i.articles,
      rules: regulation.rules.filter((r) => r.interpretations.includes(i.id)).map((r) => r.id),
      derived: Object.values(regulation.derived).filter((d) => d.interpretations.includes(i.id)).map((d) => d.name),
    }));
    process.stdout.write(`${JSON.stringify({ ruleset: regulation.ruleset, articles: report, interpretations }, null, 2)}\n`);
  } else {
    let chapter = '';
    for (const a of report) {
      if (a.chapter !== chapter) process.stdout.write(`\n${(chapter = a.chapter)}\n`);
      process.stdout.write(`\n${articleLabel(a.id)} ${a.title}${a.decidable ? '' : `  — 不作决定：${a.reason}`}\n`);
      for (const p of a.paragraphs) {
        const mark = p.unencoded ? '⚠ 无规则' : p.untested ? '⚠ 无夹具' : p.decidable ? '✓' : '—';
        process.stdout.write(`  ${mark} ${articleLabel(p.id)}  ${p.text.slice(0, 40)}${p.text.length > 40 ? '…' : ''}\n`);
        if (!p.decidable) {
          if (a.decidable && p.reason) process.stdout.write(`      不作决定：${p.reason}\n`);
          continue;
        }
        if (p.rules.length) process.stdout.write(`      规则（${p.rules.length}）：${p.rules.join('、')}\n`);
        if (p.parameters.length) process.stdout.write(`      参数：${p.parameters.join('、')}\n`);
        if (p.derived.length) process.stdout.write(`      派生事实：${p.derived.join('、')}\n`);
        if (p.interpretations.length) process.stdout.write(`      解释：${p.interpretations.join('、')}\n`);
        process.stdout.write(`      夹具（${p.fixtures.length}）${p.fixtures.length ? `：${p.fixtures.slice(0, 3).join('、')}${p.fixtures.length > 3 ? ' …' : ''}` : ''}\n`);
      }
    }
    process.stdout.write('\n解释及依赖它的规则和派生事实\n');
    for (const i of Object.values(regulation.interpretations)) {
      const rules = regulation.rules.filter((r) => r.interpretations.includes(i.id)).map((r) => r.id);
      const derived = Object.values(regulation.derived).filter((d) => d.interpretations.includes(i.id)).map((d) => `derived.${d.name}`);
      process.stdout.write(`  ${i.id} ${i.title}（${i.articles.map(articleLabel).join('、')}）：${[...rules, ...derived].join('、') || '（无）'}\n`);
    }
    const decidable = paragraphs.filter((p) => p.decidable);
    process.stdout.write(`\n可决定的款 ${decidable.length} 项：有规则 ${decidable.filter((p) => !p.unencoded).length}，有夹具覆盖 ${decidable.filter((p) => p.fixtures.length).length}；不作决定的款 ${paragraphs.length - decidable.length} 项。\n`);
    if (gaps.length) process.stdout.write(`未覆盖：${gaps.map((p) => `${articleLabel(p.id)}（${p.unencoded ? '无规则' : '无夹具'}）`).join('、')}\n`);
  }
  return options.strict && gaps.length ? 1 : 0;
}
