// `tiaoli conformance` (上位法一致性审查): one population decided under Qujing's measures and
// under 《居住证暂行条例》, through rules/mappings/national-2016.yaml. The unmodified measures'
// findings (docs/conformance.md), and two changed copies whose change must show as stricter.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tiaoli } from './support/cli.js';
import { root, rulesCopy } from './support/regulation.js';

interface Finding { direction: string; local: string; superior: string; difference: string; count: number; localArticles: string[]; superiorArticles: string[]; localRules: string[]; example: { case: { asOf: string } } }
interface Report { compared: number; classes: Finding[] }

const SIZE = '400';
const run = (args: string[]): Report => {
  const r = tiaoli([...args, 'conformance', '--size', SIZE, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Report;
};
const find = (report: Report, direction: string, local: string, difference: string): Finding | undefined =>
  report.classes.find((c) => c.direction === direction && c.local === local && c.difference === difference);

describe('tiaoli conformance', () => {
  const plain = run([]);

  it('lists the measures\' findings against the 条例, each with both articles, a count and an example', () => {
    expect(plain.compared).toBeGreaterThan(400);
    // two photos (art. 12 ¶1) where the 条例 asks for a photo (art. 9): more materials
    const photo = find(plain, 'stricter', 'application.missing', '多要 photo');
    expect(photo).toMatchObject({ localArticles: ['12.1'], superiorArticles: ['9'], localRules: ['application-missing-photo'] });
    // the half year from 暂住登记 (art. 11) against residence from arrival (条例 art. 2): a later day
    expect(find(plain, 'stricter', 'eligibility.halfYearOn', '更晚')).toMatchObject({ localArticles: ['11'], superiorArticles: ['2'] });
    // 流动人口 across counties of one city (art. 2) where the 条例 speaks of 其他城市: more generous
    const township = find(plain, 'generous', 'floating.value', 'true ↔ false');
    expect(township).toMatchObject({ localArticles: ['2'], superiorArticles: ['2'], localRules: ['floating-across-counties'] });
    // 30 days before expiry (art. 14 ¶2) against “前1个月内” (条例 art. 10 ¶2): both ways, by the month's length
    expect(find(plain, 'stricter', 'permit.endorseFrom', '更晚')).toMatchObject({ localArticles: ['14.2'], superiorArticles: ['10.2'] });
    expect(find(plain, 'generous', 'permit.endorseFrom', '更早')).toBeDefined();
    for (const c of plain.classes) {
      expect(c.count).toBeGreaterThan(0);
      expect(c.localArticles.length && c.superiorArticles.length).toBeTruthy();
      expect(c.example.case.asOf >= '2017-10-09' && c.example.case.asOf <= '2022-10-08').toBe(true);
    }
  });

  it('docs/conformance.md explains every class it lists on the unmodified measures', () => {
    const doc = readFileSync(join(root, 'docs', 'conformance.md'), 'utf8');
    for (const c of plain.classes) expect(doc, c.local).toContain(`\`${c.local} ↔ ${c.superior}：${c.difference}\``);
  });

  it('a copy with the half year raised to one year: more people refused what the 条例 grants (art. 11 against art. 2)', () => {
    const copy = rulesCopy();
    copy.edit('parameters/eligibility.yaml', /(residenceMonths:[\s\S]*?values:\s*\n\s*2017-10-09: )6/, '$112');
    const year = run(['--rules', copy.dir]);
    const refused = find(year, 'stricter', 'application.outcome', 'ineligible ↔ accept');
    expect(refused).toMatchObject({ localArticles: ['11', '13'], superiorArticles: ['9.6', '2'] });
    expect(refused!.count).toBeGreaterThan(find(plain, 'stricter', 'application.outcome', 'ineligible ↔ accept')?.count ?? 0);
    const later = find(year, 'stricter', 'eligibility.halfYearOn', '更晚')!;
    expect(later.count).toBeGreaterThan(find(plain, 'stricter', 'eligibility.halfYearOn', '更晚')!.count);
  });

  it('a copy demanding an extra material (户口簿): a class of its own, art. 12 ¶1 against art. 9', () => {
    const copy = rulesCopy();
    copy.edit('articles/12-13-application.yaml', /(\n\s+photo: \{ label: 本人证件照[^\n]*\n)/, '$1      householdRegister: { label: 户口簿, article: "12.1", satisfiedBy: [householdRegister] }\n');
    const extra = run(['--rules', copy.dir]);
    expect(find(extra, 'stricter', 'application.missing', '多要 householdRegister')).toMatchObject({ localArticles: ['12.1'], superiorArticles: ['9'] });
    expect(find(plain, 'stricter', 'application.missing', '多要 householdRegister')).toBeUndefined();
  });

  it('a project without a superior to compare with says so', () => {
    const r = tiaoli(['--project', 'projects/national-2016', 'conformance']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('《居住证暂行条例》没有 implements');
  });
});
