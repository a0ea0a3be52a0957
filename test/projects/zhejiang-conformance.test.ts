// 《浙江省流动人口居住登记条例》 against 《居住证暂行条例》 (上位法一致性审查): the Zhejiang project
// declares that it implements the 条例 (rules/instruments.yaml) and how its cases read in the
// 条例's words (rules/mappings/national-2016.yaml); its own decisions do not change (the
// reading `notInForce` before 2016-07-01 is the default of outside-the-regulation).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tiaoli } from '../support/cli.js';
import { root } from '../support/regulation.js';

describe('tiaoli conformance on the Zhejiang project', () => {
  it('finds the half year counted from registration stricter (art. 16 ¶2 against 条例 art. 2), and moves within one 设区市 more generous (art. 2 ¶2)', () => {
    const run = tiaoli(['--project', 'projects/zhejiang-2016', 'conformance', '--json', '--size', '300']);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.errors).toEqual([]);
    const halfYear = report.classes.find((c: { local: string }) => c.local === 'eligibility.halfYearOn');
    expect(halfYear).toMatchObject({ direction: 'stricter', localArticles: ['16.2'], superiorArticles: ['2'], difference: '更晚' });
    expect(halfYear.count).toBeGreaterThan(100);
    const withinCity = report.classes.find((c: { local: string; direction: string }) => c.local === 'floating.value' && c.direction === 'generous');
    expect(withinCity.example.name).toContain('同一设区市内从淳安县到西湖区');
    // docs/conformance.md explains, in its Zhejiang section, every class this run lists
    const doc = readFileSync(join(root, 'docs', 'conformance.md'), 'utf8');
    const zhejiang = doc.slice(doc.indexOf('## Zhejiang → national'));
    for (const c of report.classes as { local: string; superior: string; difference: string }[]) {
      expect(zhejiang, c.local).toContain(`\`${c.local} ↔ ${c.superior}：${c.difference}\``);
    }
  }, 120_000);
});
