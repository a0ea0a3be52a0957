// forms/offices.yaml is read from disk, saved from the studio and printed on every page: any
// of it may be hostile. Each problem is located, nothing throws, nothing inherited is taken
// for an office, and what it says is printed as text, never run as a template or markup.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { readOffices } from '../../engine/project/offices/read-offices.js';
import { checkProject } from '../../engine/project/check-project.js';
import { readTextFiles } from '../../engine/model/load-regulation.js';
import { formatProblem } from '../../engine/core/source-file.js';
import { renderPrint } from '../../engine/project/print/render-print.js';
import { loadPrintTemplates } from '../../engine/project/print/read-prints.js';
import { checkCase } from '../../engine/model/case/validate-case.js';
import { projectCopy } from '../support/project-copy.js';
import { ProjectStore } from '../../engine/server/project-store.js';
import { qujing, root } from '../support/regulation.js';

const FILE = 'forms/offices.yaml';
const DIVISIONS = new Set(['530302', '530322']);
const bin = join(root, 'engine', 'cli', 'bin.js');

const office = (fields: Record<string, string> = {}): string => {
  const f = {
    id: 'qilin-test', name: '测试派出所', county: '"530302"', bureau: '测试分局', address: 'null', phone: 'null', hours: 'null',
    numberPrefix: '测', confirmed: 'false', ...fields,
  };
  return [
    `  - id: ${f.id}`, `    name: ${f.name}`, `    county: ${f.county}`, `    bureau: ${f.bureau}`, `    address: ${f.address}`,
    `    phone: ${f.phone}`, `    hours: ${f.hours}`, `    numberPrefix: ${f.numberPrefix}`, `    confirmed: ${f.confirmed}`,
    '    reconsideration: { name: 测试区人民政府, address: null, basis: 第二十四条第一款第（一）项 }',
  ].join('\n');
};
const file = (...offices: string[]): string => `offices:\n${offices.join('\n')}\ndocumentNumber: "{prefix}居〔{year}〕{seq}号"\n`;
const read = (text: string) => readOffices(text, FILE, DIVISIONS);
const where = (r: ReturnType<typeof read>) => r.problems.map(formatProblem);

describe('offices.yaml: each problem at file:line:column, never a throw', () => {
  it('a well-formed office reads, with its unconfirmed details a warning, not a problem', () => {
    const r = read(file(office()));
    expect(r.problems).toEqual([]);
    expect([...r.offices.keys()]).toEqual(['qilin-test']);
    expect(r.warnings.map(formatProblem)).toEqual([expect.stringMatching(/^forms\/offices\.yaml:2:5: 办证机关 测试派出所（qilin-test）的资料未经核实，地址、电话、办公时间未知/)]);
  });

  it('bad YAML: a syntax error where it is', () => {
    const r = read('offices:\n  - id: a\n    name: [unclosed\n');
    expect(r.offices.size).toBe(0);
    expect(where(r)[0]).toMatch(/^forms\/offices\.yaml:\d+:\d+: YAML 语法错误/);
  });

  it('documentNumber: missing, a place left out or written twice, another brace, not a line of text — each named at its line, no office taken', () => {
    const withFormat = (format: string): string => file(office()).replace(/documentNumber: .*\n/, `documentNumber: ${format}\n`);
    const cases: Array<[string, RegExp]> = [
      ['"{prefix}〔{year}〕号"', /:12:17: documentNumber 中 \{seq\} 应各出现一次/],
      ['"{prefix}{seq}〔{year}〕{seq}号"', /:12:17: documentNumber 中 \{seq\} 应各出现一次/],
      ['"{prefix}〔{year}〕{seq}号{constructor}"', /:12:17: documentNumber 中除 \{prefix\}、\{year\}、\{seq\} 外不能有花括号/],
      ['"{{prefix}}〔{year}〕{seq}"', /:12:17: documentNumber 中除 .* 外不能有花括号/],
      ['"{prefix}{year}{seq}${x}"', /:12:17: documentNumber 中除 .* 外不能有花括号/],
      [`"${'长'.repeat(500)}{prefix}{year}{seq}"`, /:12:17: documentNumber 应是一行不超过 40 个字的文字/],
      ['"{prefix}\\n{year}{seq}"', /:12:17: documentNumber 应是一行/],
      ['[ "{prefix}", "{year}", "{seq}" ]', /:12:17: documentNumber 应是一行/],
      ['{ __proto__: { polluted: 1 } }', /:12:17: documentNumber 应是一行/],
      ['null', /:12:17: documentNumber 应是一行/],
    ];
    for (const [format, message] of cases) {
      const r = read(withFormat(format));
      expect(r.offices.size, format).toBe(0);
      expect(where(r), format).toEqual([expect.stringMatching(new RegExp(`^forms/offices\\.yaml${message.source}`))]);
    }
    const missing = read(file(office()).replace(/documentNumber: .*\n/, ''));
    expect(where(missing)).toEqual([expect.stringMatching(/^forms\/offices\.yaml:1:1: 缺少 documentNumber：文书编号的格式/)]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // a format of its own: the office reads with it
    expect(read(withFormat('"{prefix}证字第{year}-{seq}号"')).offices.get('qilin-test')?.numberFormat).toBe('{prefix}证字第{year}-{seq}号');
  });

  it('unknown keys, at their own line', () => {
    const text = file(office()).replace('    numberPrefix: 测\n', '    numberPrefix: 测\n    telephone: 0874\n');
    const r = read(`${text}extra: 1\n`);
    expect(where(r)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^forms\/offices\.yaml:10:\d+: 办证机关不认识 telephone/),
      expect.stringMatching(/^forms\/offices\.yaml:14:\d+: 办证机关文件不认识 extra/),
    ]));
    expect(r.offices.size).toBe(0);
  });

  it('a duplicate id, at the second', () => {
    const r = read(file(office(), office({ name: '另一个' })));
    expect(where(r)).toEqual([expect.stringMatching(/^forms\/offices\.yaml:12:\d+: 办证机关 id qilin-test 重复（第 1 个已用）/)]);
    expect(r.offices.get('qilin-test')?.name).toBe('测试派出所');
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Qilin', 'a b', '"1; DROP TABLE offices"', "''"])('id %s is refused', (id) => {
    const r = read(file(office({ id })));
    expect(where(r)).toEqual([expect.stringMatching(/^forms\/offices\.yaml:2:\d+: 办证机关的 id .*不可用/)]);
    expect(r.offices.size).toBe(0);
    expect(r.offices.get('__proto__')).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('name');
  });

  it('a __proto__ key is an unknown key, and pollutes nothing', () => {
    const text = file(office()).replace('    numberPrefix: 测\n', '    numberPrefix: 测\n    __proto__: { polluted: yes, confirmed: true }\n');
    const r = read(text);
    expect(where(r)).toEqual([expect.stringMatching(/^forms\/offices\.yaml:10:\d+: 办证机关不认识 __proto__/)]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a county outside the regulation\'s divisions, or not a code', () => {
    expect(where(read(file(office({ county: '"110101"' }))))).toEqual([expect.stringMatching(/^forms\/offices\.yaml:4:13: 县（市、区）代码 110101 不在规则的行政区划（divisions）之中/)]);
    expect(where(read(file(office({ county: '530302' }))))).toEqual([expect.stringMatching(/^forms\/offices\.yaml:4:13: 县（市、区）代码 county 应是 6 位数字/)]);
  });

  it('a missing or wrong-typed field, and an earlier authority without its date', () => {
    const text = file(office({ confirmed: 'maybe', numberPrefix: '"麒南〔x〕"' })).replace(/ {4}reconsideration: .*/, '    reconsideration: { name: 甲, basis: 乙, earlier: { name: 丙, basis: 丁 } }');
    const r = read(text);
    expect(where(r)).toEqual(expect.arrayContaining([
      expect.stringMatching(/:9:\d+: numberPrefix 应是不超过 8 个字的简称/),
      expect.stringMatching(/:10:\d+: confirmed 应是 true 或 false/),
      expect.stringMatching(/:11:\d+: earlier\.until 应是日期/),
    ]));
  });

  it('not a list, nothing, a scalar, an alias bomb, a huge line: problems, never a throw', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdef'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcde'[i]}`).join(',')}]`), 'offices: *f'].join('\n');
    for (const text of ['', 'offices: 1', '42', 'offices: {a: 1}', bomb, `offices:\n  - id: ${'x'.repeat(300_000)}\n`, 'offices:\n  - null\n  - []\n']) {
      const r = read(text);
      expect(r.problems.length).toBeGreaterThan(0);
      expect(r.offices.size).toBe(0);
      for (const p of r.problems) expect(formatProblem(p)).toMatch(/^forms\/offices\.yaml:\d+:\d+: /);
    }
  });

  it('any text at all: read without throwing, every problem located', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => {
      const r = read(text);
      for (const p of r.problems) expect(p.location.line).toBeGreaterThanOrEqual(1);
    }), { numRuns: 300 });
  });
});

describe('what an office says is printed as text', () => {
  it('template-like and markup strings in a name, address or authority are printed escaped, never run', async () => {
    const hostile = '"{{constructor.constructor \'return 1\'}}<script>alert(1)</script>"';
    const r = read(file(office({ name: hostile, address: '"<img src=x onerror=alert(1)>{{#each this}}x{{/each}}"', phone: '"{{{body}}}"' })));
    expect(r.problems).toEqual([]);
    const decider = qujing();
    const input = checkCase(decider.regulation, parse(readFileSync(join(root, 'test/cases/13-application/half-year-one-day-short-ineligible.yaml'), 'utf8'))).case!;
    const html = renderPrint(loadPrintTemplates(join(root, 'forms')), 'refusal', { regulation: decider.regulation, input, document: await decider.decide(input), office: r.offices.get('qilin-test'), documentNumber: '<b>{{asOf}}</b>', operator: '{{person.idNumber}}' });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('{{constructor.constructor');
    expect(html).toContain('{{{body}}}');
    expect(html).toContain('编号：<bdi>&lt;b&gt;{{asOf}}&lt;/b&gt;</bdi>'); // each value isolated (issue 23)
    expect(html).toContain('经办人：<bdi>{{person.idNumber}}</bdi>');
  });
});

describe('one check for lint, the server\'s save and the studio', () => {
  it('checkProject reports a broken offices file with the project\'s other problems, and warns about unconfirmed details', () => {
    const files = Object.fromEntries([...readTextFiles(join(root, 'rules'), /\.(ya?ml|txt)$/)].map(([p, t]) => [`rules/${p}`, t]));
    const good = checkProject({ ...files, [FILE]: readFileSync(join(root, FILE), 'utf8') }, '2019-09-16');
    expect(good.problems).toEqual([]);
    expect(good.offices?.size).toBe(18);
    expect(good.warnings?.length).toBe(18);
    const bad = checkProject({ ...files, [FILE]: file(office({ county: '"110101"' }), office({ id: 'other' })) }, '2019-09-16');
    expect(bad.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^forms\/offices\.yaml:4:13: 县（市、区）代码 110101 不在规则的行政区划/),
    ]);
    expect([...bad.offices!.keys()]).toEqual(['other']);
  });

  it('tiaoli lint: fails on a broken offices file at its line; passes, with 提示, on unconfirmed details', () => {
    const dir = projectCopy();
    const ok = spawnSync(process.execPath, [bin, 'lint'], { cwd: dir, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^提示：forms\/offices\.yaml:\d+:5: 办证机关 曲靖市公安局麒麟分局（qilin-bureau）的资料未经核实/m);
    expect(ok.stdout).toMatch(/18 个办证机关、\d+ 个夹具，没有问题（18 处提示）/);
    writeFileSync(join(dir, FILE), file(office(), office()));
    const bad = spawnSync(process.execPath, [bin, 'lint'], { cwd: dir, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^forms\/offices\.yaml:12:\d+: 办证机关 id qilin-test 重复/m);
  }, 60_000);

  it('the server\'s save refuses a broken offices file at its line and keeps the one on disk; an unconfirmed office saves', async () => {
    const dir = projectCopy();
    const store = new ProjectStore(dir, { freshMs: 0 });
    const before = readFileSync(join(dir, FILE), 'utf8');
    const version = (await store.snapshot()).files[FILE].version;
    const refused = await store.save(FILE, file(office({ id: '__proto__' })), version);
    expect(refused.kind).toBe('invalid');
    expect(refused.kind === 'invalid' && refused.problems.map(formatProblem)).toEqual([expect.stringMatching(/^forms\/offices\.yaml:2:\d+: 办证机关的 id "__proto__" 不可用/)]);
    expect(readFileSync(join(dir, FILE), 'utf8')).toBe(before);
    const saved = await store.save(FILE, file(office()), version);
    expect(saved.kind).toBe('saved');
  }, 60_000);
});
