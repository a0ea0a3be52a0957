// Hostile input to the division codes the national-2016 and zhejiang-2016 projects now read
// (art. 2 from hukou/residence county codes; art. 9 ¶6 and art. 16 ¶2 parameters by place): a
// code that is not one, a prototype name in the hukou object, and a place key that is not a
// code. Each is refused at its field or line, in Chinese; the valid line is still decided.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tiaoli } from '../support/cli.js';
import { root } from '../support/regulation.js';

const zhejiang = join(root, 'projects/zhejiang-2016');
const national = join(root, 'projects/national-2016');

describe('hostile division codes in cases', () => {
  it('zhejiang-2016 refuses a hukou code that is not a code and a prototype name, and decides the good line', () => {
    const lines = [
      '{"asOf":"2020-05-06","facts":{"hukou":{"county":"33038"},"residence":{"county":"330106"}}}',
      '{"asOf":"2020-05-06","facts":{"hukou":{"__proto__":{"county":"330106"}},"residence":{"county":"330106"}}}',
      '{"asOf":"2020-05-06","facts":{"hukou":{"county":"330382"},"residence":{"county":"330106","arrivedOn":"2020-05-01"}}}',
    ];
    const r = tiaoli(['decide', '--jsonl', '--brief', '--project', zhejiang], lines.join('\n') + '\n');
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { error?: string; decisions?: Record<string, Record<string, unknown>> });
    expect(out).toHaveLength(3);
    expect(out[0]!.error).toMatch(/第 1 行：facts\.hukou\.county/);
    expect(out[1]!.error).toMatch(/第 2 行：facts\.hukou\.__proto__：没有这一项/);
    expect(out[2]!.decisions!.floating).toMatchObject({ value: true });
    expect(({} as Record<string, unknown>).county).toBeUndefined();
  });

  it('national-2016 refuses a county code with letters at its field', () => {
    const r = tiaoli(['decide', '--jsonl', '--brief', '--project', national], '{"asOf":"2024-09-20","facts":{"hukou":{"county":"51010x"},"residence":{"county":"330106"}}}\n');
    expect(r.stdout).toMatch(/facts\.hukou\.county/);
  });
});

describe('hostile place keys in the projects\' place-keyed parameters', () => {
  it('lint names a place key that is not a 6-digit code at its line (zhejiang-2016 talentExemptionRule)', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tiaoli-hostile-')), 'zhejiang-2016');
    cpSync(zhejiang, dir, { recursive: true });
    const file = join(dir, 'rules/parameters/permit.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/(talentExemptionRule:[\s\S]*?values:\n {4}2016-07-01: 未录入\n)/, '$1  places:\n    "__proto__":\n      2018-01-01: 未规定\n'));
    const r = tiaoli(['lint', '--project', dir]);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/permit\.yaml:\d+:\d+: .*\[schema\.pattern\]/);
  });
});
