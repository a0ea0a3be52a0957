// `tiaoli test [PATH…]`: runs fixtures, shows each failure as expected vs actual with the
// trace of the decision concerned, and ends with `N passed, N failed`.
import { existsSync } from 'node:fs';
import { loadProjectDecider } from './project-decider.js';
import { runFixtures } from '../project/fixtures/run-fixtures.js';
import { readFixtures } from '../project/fixtures/find-fixtures.js';
import { parseReadings } from './reading-option.js';
import { parseEngine } from './engine-option.js';
import { casesDir, loadOrReport, type ProjectOptions } from './rules-dir.js';
import { conditionChildren, isRuleTrace, type ConditionNode } from '../explain/trace-types.js';

export async function testCommand(paths: string[], options: ProjectOptions & { verbose?: boolean; reading?: string[]; engine?: string }): Promise<number> {
  const regulation = loadOrReport(options);
  if (!regulation) return 2;
  const chosen = parseReadings(regulation, options.reading);
  if (chosen.problem) {
    process.stderr.write(`${chosen.problem}\n`);
    return 1;
  }
  const engine = parseEngine(options.engine);
  if (engine.problem) {
    process.stderr.write(`${engine.problem}\n`);
    return 1;
  }
  const targets = paths.length ? paths : [casesDir(options)];
  const absent = targets.filter((p) => !existsSync(p));
  if (absent.length) {
    process.stderr.write(`找不到：${absent.join('、')}\n`);
    return 1;
  }
  const project = loadProjectDecider(regulation, options, { readings: chosen.readings, engine: engine.engine });
  if (!project) return 2;
  const results = await runFixtures(project.decider, readFixtures(targets));
  const v = (x: unknown): string => (x === undefined ? '（无此字段）' : `${JSON.stringify(x)}`);
  for (const r of results) {
    if (r.passed) {
      if (options.verbose) process.stdout.write(`✓ ${r.file}  ${r.name ?? ''}\n`);
      continue;
    }
    process.stdout.write(`\n✗ ${r.file}\n  ${r.name ?? ''}\n`);
    if (r.error) process.stdout.write(`  ${r.error.replace(/\n/g, '\n  ')}\n`);
    const byDecision = new Map<string, typeof r.mismatches>();
    for (const m of r.mismatches) {
      const d = m.path.split('.')[0];
      byDecision.set(d, [...(byDecision.get(d) ?? []), m]);
    }
    for (const [name, mismatches] of byDecision) {
      for (const m of mismatches) process.stdout.write(`  ${m.path}: 预期 ${v(m.expected)}，实际 ${v(m.actual)}\n`);
      const decision = r.document?.decisions[name];
      if (!decision) continue;
      process.stdout.write(`  推理（${name}）：\n`);
      for (const step of decision.because ?? []) {
        process.stdout.write(`    · ${step.text}\n`);
        if (!isRuleTrace(step)) continue;
        // for a rule that applied, every condition; for one that did not, the conditions that failed
        const lines = conditionLines(step.conditions, step.result === 'failed' && !options.verbose);
        for (const line of lines) process.stdout.write(`        ${line}\n`);
      }
      process.stdout.write(`    依据：${decision.articles.join('、')}  解释：${decision.interpretations.join('、') || '（无）'}\n`);
    }
  }
  const passed = results.filter((r) => r.passed).length;
  process.stdout.write(`\n${passed} passed, ${results.length - passed} failed\n`);
  return passed === results.length ? 0 : 1;
}

function conditionLines(node: ConditionNode, onlyFailed: boolean): string[] {
  const group = conditionChildren(node);
  if (group?.kind === 'all') return group.children.flatMap((c) => conditionLines(c, onlyFailed));
  if (group?.kind === 'any') return ['任一成立：', ...group.children.flatMap((c) => conditionLines(c, onlyFailed)).map((l) => `  ${l}`)];
  if (group?.kind === 'not') return ['以下不成立：', ...conditionLines(group.children[0], false).map((l) => `  ${l}`)];
  if ('all' in node || 'any' in node || 'not' in node) return [];
  return onlyFailed && node.result !== false ? [] : [node.text];
}
