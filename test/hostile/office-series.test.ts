// forms/offices.yaml documentSeries / documentSeriesNumber: what would give two documents one
// number, or put anything but text into a number, is refused at its line; prototype names are
// no print kind; a number is text filled in, never evaluated.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOffices } from '../../engine/project/offices/read-offices.js';
import { formatSeriesNumber } from '../../engine/register/document-number.js';
import { root } from '../support/regulation.js';

const FILE = readFileSync(join(root, 'forms', 'offices.yaml'), 'utf8');
const KINDS = new Set(['acceptance', 'notice', 'non-acceptance', 'refusal', 'endorsement-refusal', 'replacement-refusal', 'address-change-refusal', 'slip', 'reminder']);
const FORMAT = 'documentSeriesNumber: "{prefix}居{series}字〔{year}〕第{seq}号"';

function problems(edit: (text: string) => string): string[] {
  return readOffices(edit(FILE), 'forms/offices.yaml', undefined, KINDS).problems.map((p) => `${p.code} ${p.location.line} ${p.message}`);
}

describe('documentSeries refused at its line', () => {
  it('the project\'s own file reads, every office with the series', () => {
    const read = readOffices(FILE, 'forms/offices.yaml', undefined, KINDS);
    expect(read.problems).toEqual([]);
    expect(read.offices.get('qilin-nanning')!.documentSeries!.words).toMatchObject({ acceptance: '受', notice: '补' });
  });

  it('a format missing {series}, repeating {seq}, or with another brace', () => {
    expect(problems((t) => t.replace(FORMAT, 'documentSeriesNumber: "{prefix}居〔{year}〕第{seq}号"'))[0]).toMatch(/^office\.documentSeries \d+ documentSeriesNumber 中 \{series\} 应各出现一次/);
    expect(problems((t) => t.replace(FORMAT, 'documentSeriesNumber: "{prefix}{series}{seq}〔{year}〕{seq}"'))[0]).toMatch(/\{seq\} 应各出现一次/);
    expect(problems((t) => t.replace(FORMAT, 'documentSeriesNumber: "{prefix}{series}{year}{seq}{x}"'))[0]).toMatch(/不能有花括号/);
    expect(problems((t) => t.replace(FORMAT, 'documentSeriesNumber: ["{prefix}"]'))[0]).toMatch(/应是一行不超过/);
  });

  it('two kinds with one word, a word with a bracket or too long, a kind no template has, a prototype name', () => {
    expect(problems((t) => t.replace('  notice: 补 ', '  notice: 受 ')).join('\n')).toMatch(/notice 与 acceptance 用了同一个序列字 受/);
    expect(problems((t) => t.replace('  notice: 补 ', '  notice: "补{"')).join('\n')).toMatch(/notice 的序列字应是一至四个字/);
    expect(problems((t) => t.replace('  notice: 补 ', '  notice: 补正材料通知 ')).join('\n')).toMatch(/notice 的序列字应是一至四个字/);
    expect(problems((t) => t.replace('  notice: 补 ', '  receipt: 补 ')).join('\n')).toMatch(/receipt 不是 forms\/prints\/prints\.yaml 中的打印件/);
    expect(problems((t) => t.replace('  notice: 补 ', '  constructor: 补 ')).join('\n')).toMatch(/"constructor" 不是打印件的名字/);
    expect(problems((t) => t.replace('  notice: 补 ', '  __proto__: 补 ')).join('\n')).toMatch(/"__proto__" 不是打印件的名字/);
  });

  it('one of the two without the other', () => {
    expect(problems((t) => t.replace(FORMAT, '')).join('\n')).toMatch(/documentSeries 与 documentSeriesNumber 要同时写/);
  });

  it('a number is the format with its places filled in, nothing evaluated', () => {
    expect(formatSeriesNumber('{prefix}居{series}字〔{year}〕第{seq}号', '麒南', '受', 2026, 42)).toBe('麒南居受字〔2026〕第000042号');
    expect(formatSeriesNumber('{prefix}{series}{year}{seq}', '${x}', '$&', 2026, 1)).toBe('${x}$&2026000001');
  });
});
