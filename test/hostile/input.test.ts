// Issue 7, items 7, 8 and 9: each bad input it lists is a located message in Chinese, never
// a stack trace; patterns cannot hang validation; reloading the rules does not grow memory.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCase, parseCase } from '../../engine/model/case/validate-case.js';
import { addDays, dayNumber, fullYearsBetween, weekday } from '../../engine/core/dates/calendar-date.js';
import { loadRegulation, loadRegulationOrThrow, readTextFiles, readTextFilesChecked } from '../../engine/model/load-regulation.js';
import { parseSource } from '../../engine/core/source-file.js';
import { qujing, root, rulesCopy } from '../support/regulation.js';
import { errorsOf } from '../support/forms.js';
import { tiaoli } from '../support/cli.js';
import { encodeGbk, encodeUtf16 } from './case-mutations.js';

const scratch = mkdtempSync(join(tmpdir(), 'tiaoli-hostile-'));
const put = (name: string, content: string | Uint8Array): string => {
  const file = join(scratch, name);
  writeFileSync(file, content);
  return file;
};
const regulation = qujing().regulation;
const STACK = /\n\s+at |TypeError|RangeError|ReferenceError/;

const goodCase = `name: 外省务工人员申领居住证
asOf: 2019-07-10
facts:
  person:
    idNumber: "510104199003070015"
  hukou:
    county: "510104"
  residence:
    county: "530302"
    township: 南宁街道
    townshipKind: street
    arrivedOn: 2019-01-02
    registeredOn: 2019-01-04
  grounds:
    employment: true
`;

const BOMB = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
`;

const messages = (problems: Array<{ message: string }>): string => problems.map((p) => p.message).join('\n');

describe('YAML that attacks the reader', () => {
  it('an alias bomb in a case file: tiaoli decide names the file and line, exits 1, no stack trace', () => {
    const file = put('bomb.yaml', `${goodCase}${BOMB}`);
    const r = tiaoli(['decide', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bomb\.yaml:\d+:\d+: .*别名.*\[yaml\.aliasBomb\]/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it('an alias bomb in a rules file: loading the rules is a located problem, not a throw', () => {
    const copy = rulesCopy();
    writeFileSync(join(copy.dir, 'interpretations', 'bomb.yaml'), BOMB);
    const { problems } = loadRegulation(copy.dir);
    const bomb = problems.find((p) => p.code === 'yaml.aliasBomb');
    expect(bomb?.location.file).toMatch(/interpretations\/bomb\.yaml$/);
    expect(bomb?.location.line).toBeGreaterThanOrEqual(2);
  });

  it('100,000 "[" in a row: a located problem (not a stack overflow)', () => {
    const source = parseSource('deep.yaml', `asOf: 2019-07-10\nfacts: ${'['.repeat(100_000)}`);
    expect(source.problems).toEqual([expect.objectContaining({ code: 'yaml.tooDeep', location: expect.objectContaining({ file: 'deep.yaml', line: 2 }) })]);
  });

  it('block nesting 400 levels deep, and an alias inside its own anchor: located problems', () => {
    const block = Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(parseSource('block.yaml', block).problems[0]).toMatchObject({ code: 'yaml.tooDeep', location: { file: 'block.yaml' } });
    expect(parseSource('loop.yaml', 'a: &x\n  self: *x\n').problems[0]).toMatchObject({ code: 'yaml.recursiveAlias', location: { line: 2, column: 9 } });
  });

  it('an alias to an anchor that is not there (or comes later) is named at the alias', () => {
    const r = parseSource('alias.yaml', 'asOf: 2019-07-10\nfacts: *later\nx: &later {}\n');
    expect(r.problems).toEqual([expect.objectContaining({ code: 'yaml.badAlias', message: expect.stringContaining('*later'), location: { file: 'alias.yaml', line: 2, column: 8 } })]);
  });

  it('a document of several megabytes is refused unread', () => {
    const source = parseSource('huge.yaml', `name: ${'字'.repeat(3_000_000)}\n`);
    expect(source.problems).toEqual([expect.objectContaining({ code: 'yaml.tooLarge', location: { file: 'huge.yaml', line: 1, column: 1 } })]);
  });

  it('tags that would build code or binary data are refused at their line', () => {
    const fn = parseSource('tags.yaml', 'name: x\nasOf: !!js/function "function () {}"\n');
    expect(fn.problems.map((p) => [p.location.line, p.message])).toEqual([[2, expect.stringMatching(/js\/function/)]]);
    const binary = parseSource('tags.yaml', 'name: x\nfacts:\n  person: !!binary aGVsbG8=\n');
    expect(binary.problems.map((p) => [p.location.line, p.code, p.message])).toEqual([[3, 'yaml.tag', expect.stringMatching(/不支持的 YAML 标签 !!binary/)]]);
    expect(binary.data).toBeUndefined();
  });
});

describe('files that are not UTF-8', () => {
  it('a GBK case file is named as GBK, with the iconv hint, at the first bad byte', () => {
    const file = put('gbk.yaml', encodeGbk(goodCase));
    const r = tiaoli(['decide', file]);
    expect(r.status).toBe(1);
    // the first non-ASCII character is on line 1, column 7 (after "name: ")
    expect(r.stderr).toMatch(/gbk\.yaml:1:7: 文件看起来是 GBK\/GB18030 编码，不是 UTF-8.*iconv -f GBK -t UTF-8.*\[encoding\.gbk\]/);
    expect(r.stdout).toBe('');
  });

  it('a UTF-16 case file is named as UTF-16 (with or without a BOM)', () => {
    for (const [endian, bom] of [['LE', true], ['BE', true], ['LE', false]] as const) {
      const { problems } = parseCase(regulation, encodeUtf16(goodCase, endian, bom), 'u16.yaml');
      expect(problems).toEqual([expect.objectContaining({ code: 'encoding.utf16', message: expect.stringContaining(`UTF-16 ${endian}`) })]);
    }
  });

  it('bytes that are neither UTF-8 nor GBK: "not UTF-8", at the line and column of the first bad byte', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('asOf: 2019-07-10\nname: 王'), 0xff, 0x41, 0x0a]);
    expect(parseCase(regulation, bytes, 'bad.yaml').problems).toEqual([
      expect.objectContaining({ code: 'encoding.notUtf8', location: { file: 'bad.yaml', line: 2, column: 8 } }),
    ]);
  });

  it('a GBK file in the rules folder is a located problem; no mojibake is loaded', () => {
    const copy = rulesCopy();
    writeFileSync(join(copy.dir, 'interpretations', 'agents.yaml'), encodeGbk(copy.read('interpretations/agents.yaml')));
    const checked = readTextFilesChecked(copy.dir, undefined, 'rules');
    expect(checked.files.has('interpretations/agents.yaml')).toBe(false);
    expect(checked.problems).toEqual([expect.objectContaining({ code: 'encoding.gbk', location: expect.objectContaining({ file: 'rules/interpretations/agents.yaml' }) })]);
    expect(loadRegulation(copy.dir).problems.map((p) => p.code)).toContain('encoding.gbk');
  });

  it('a symbolic link in the rules folder is not followed', () => {
    const copy = rulesCopy();
    const outside = mkdtempSync(join(tmpdir(), 'tiaoli-outside-'));
    writeFileSync(join(outside, 'secret.yaml'), 'secret: 1\n');
    mkdirSync(join(outside, 'dir'));
    writeFileSync(join(outside, 'dir', 'more.yaml'), 'more: 1\n');
    symlinkSync(join(outside, 'secret.yaml'), join(copy.dir, 'interpretations', 'link.yaml'));
    symlinkSync(join(outside, 'dir'), join(copy.dir, 'linked-dir'));
    const files = [...readTextFiles(copy.dir).keys()];
    expect(files).not.toContain('interpretations/link.yaml');
    expect(files.some((f) => f.startsWith('linked-dir'))).toBe(false);
    expect(() => loadRegulationOrThrow(copy.dir)).not.toThrow();
  });
});

describe('byte order marks', () => {
  it('a BOM at the start of a case file is accepted', () => {
    const { case: c, problems } = parseCase(regulation, new TextEncoder().encode(`\uFEFF${goodCase}`), 'bom.yaml');
    expect(problems).toEqual([]);
    expect(c?.asOf).toBe('2019-07-10');
  });

  it('a BOM on the first --jsonl line (the start of stdin) is accepted', () => {
    const line = JSON.stringify(parseSource('x', goodCase).data);
    const r = tiaoli(['decide', '--jsonl', '--brief'], `\uFEFF${line}\n${line}\n`);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(2);
    expect(out[0].error).toBeUndefined();
    expect(out[0].decisions).toEqual(out[1].decisions);
    expect(r.status).toBe(0);
  });

  it('a BOM in the middle of a file (two files joined) is named where it is', () => {
    const source = parseSource('joined.yaml', `asOf: 2019-07-10\n\uFEFFfacts: {}\n`);
    expect(source.problems).toEqual([expect.objectContaining({ code: 'encoding.strayBom', location: { file: 'joined.yaml', line: 2, column: 1 } })]);
  });
});

describe('dates', () => {
  it('year 0099 is computed as 0099, not 1999', () => {
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
    // an ISO date string is read with its own year (only Date.UTC maps 0–99 to 19xx)
    expect(dayNumber('0099-01-01')).toBe(Date.parse('0099-01-01') / 86_400_000);
    expect(dayNumber('0001-03-01')).toBe(Date.parse('0001-03-01') / 86_400_000);
    expect(weekday('0001-01-01')).toBe(1); // a Monday in the proleptic Gregorian calendar
    expect(fullYearsBetween('0096-02-29', '0097-02-28', 'nextDay')).toBe(0);
  });

  it('a date outside 1900–2100 is refused, naming the field and its line', () => {
    const { problems } = parseCase(regulation, goodCase.replace('arrivedOn: 2019-01-02', 'arrivedOn: 0099-01-02'), 'old.yaml');
    expect(problems).toEqual([expect.objectContaining({
      message: expect.stringMatching(/facts\.residence\.arrivedOn：日期 0099-01-02 超出可处理的范围（1900–2100 年）/),
      location: { file: 'old.yaml', line: 12, column: 16 },
    })]);
    expect(checkCase(regulation, { asOf: '9999-12-31', facts: {} }).problems[0].message).toMatch(/^asOf：日期 9999-12-31 超出/);
  });

  it('a birth date after asOf is refused, naming both fields', () => {
    const { problems } = parseCase(regulation, goodCase.replace('idNumber: "510104199003070015"', 'birthDate: 2020-03-07'), 'unborn.yaml');
    expect(problems).toContainEqual(expect.objectContaining({
      code: 'case.dateOrder',
      message: expect.stringMatching(/^facts\.person\.birthDate（出生日期 2020-03-07）晚于asOf（决定日期 2019-07-10）/),
      location: { file: 'unborn.yaml', line: 5, column: 16 },
    }));
  });

  it('the birth date an ID number carries, after asOf, is refused the same way', () => {
    const { problems } = checkCase(regulation, { asOf: '1989-07-10', facts: { person: { idNumber: '510104199003070015' } } });
    expect(messages(problems)).toMatch(/facts\.person\.idNumber（公民身份号码中的出生日期 1990-03-07）晚于asOf/);
  });

  it('a registration before the arrival is refused, naming both, at the registration', () => {
    const { problems } = parseCase(regulation, goodCase.replace('registeredOn: 2019-01-04', 'registeredOn: 2018-12-30'), 'early.yaml');
    expect(problems).toEqual([expect.objectContaining({ code: 'case.dateOrder', location: { file: 'early.yaml', line: 13, column: 19 } })]);
    expect(problems[0].message).toMatch(/facts\.residence\.registeredOn（暂住登记之日 2018-12-30）早于facts\.residence\.arrivedOn（到达居住地之日 2019-01-02）/);
  });

  it('an endorsement before the permit was issued is refused, naming both', () => {
    const text = `${goodCase}  permit:\n    issuedOn: 2018-07-10\n    endorsedOn: [2019-06-20, 2018-07-01]\n`;
    const { problems } = parseCase(regulation, text, 'endorsed.yaml');
    expect(problems).toEqual([expect.objectContaining({ code: 'case.dateOrder', location: { file: 'endorsed.yaml', line: 18, column: 30 } })]);
    expect(problems[0].message).toMatch(/facts\.permit\.endorsedOn\.1（已办理签注之日 2018-07-01）早于facts\.permit\.issuedOn（居住证签发之日 2018-07-10）/);
  });

  it('a contract reported before it was signed, and a permit issued after asOf, are refused', () => {
    const reported = checkCase(regulation, { asOf: '2019-07-10', facts: { contract: { signedOn: '2019-01-03', reportedOn: '2019-01-02' } } });
    expect(messages(reported.problems)).toMatch(/facts\.contract\.reportedOn（信息报送之日 2019-01-02）早于facts\.contract\.signedOn/);
    const issued = checkCase(regulation, { asOf: '2019-07-10', facts: { permit: { issuedOn: '2019-08-01' } } });
    expect(messages(issued.problems)).toMatch(/facts\.permit\.issuedOn（居住证签发之日 2019-08-01）晚于asOf/);
  });
});

describe('form data', () => {
  it('a key the form does not have is named in Chinese, not silently dropped', () => {
    const data = {
      acceptedOn: '2019-09-16', applicant: { name: '王芳', idNumber: '510104198806210574', nickname: '芳' }, via: 'self', hukou: { county: '510104' },
      residence: { county: '530302', township: '寥廓街道', townshipKind: 'street', arrivedOn: '2019-02-25', registeredOn: '2019-02-27' },
      grounds: { employment: true }, materials: { idCard: 1, photo: 2, leaseContract: 1, laborContract: 1, passport: 1 }, remark: '加急',
    };
    const errors = errorsOf('permit-application', regulation, data);
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^remark（remark）：没有这一项/),
      expect.stringMatching(/^申领人 › nickname（applicant\.nickname）：没有这一项/),
      expect.stringMatching(/^提交的材料 › passport（materials\.passport）：没有这一项/),
    ]));
  });
});

describe('patterns in a user-editable schema (item 8)', () => {
  // a backtracking engine would take about 2^40 steps on the 40 characters: the test would never end
  it('"^(a+)+$" in rules/case.schema.yaml: a 40-character "aaaa…!" is checked by a linear engine (RE2)', () => {
    const copy = rulesCopy();
    copy.edit('case.schema.yaml', 'pattern: "^[1-8][0-9]{5}$"', 'pattern: "^(a+)+$"');
    const edited = loadRegulationOrThrow(copy.dir);
    checkCase(edited, { asOf: '2019-07-10', facts: {} }); // compiles the schema: not what is timed
    for (const n of [20, 24, 28, 40]) {
      const { problems } = checkCase(edited, { asOf: '2019-07-10', facts: { residence: { county: `${'a'.repeat(n)}!` } } });
      expect(problems.map((p) => p.code)).toEqual(['schema.pattern']);
    }
  });

  it('a pattern RE2 cannot run (a backreference) is a problem at the pattern\'s line, not a crash', () => {
    const copy = rulesCopy();
    copy.edit('case.schema.yaml', 'pattern: "^[1-8][0-9]{5}$"', 'pattern: "^(\\\\d)\\\\1{5}$"');
    const { problems } = loadRegulation(copy.dir);
    const line = copy.read('case.schema.yaml').split('\n').findIndex((l) => l.includes('pattern: "^(')) + 1;
    expect(problems).toEqual([expect.objectContaining({ code: 'schema.pattern', location: expect.objectContaining({ line }) })]);
  });
});

describe('memory (item 9)', () => {
  it('loading the rules 300 times and validating 2,000 cases keeps the heap flat', () => {
    const probe = join(root, 'test', 'hostile', 'memory-probe.ts');
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', probe, '300', '2000'], { cwd: root, encoding: 'utf8', timeout: 240_000 });
    expect(r.stderr).toBe('');
    const { growthMB } = JSON.parse(r.stdout) as { growthMB: number };
    // before: each load kept its compiled case schema, about 0.12 MB a load (36 MB here)
    expect(growthMB).toBeLessThan(8);
  }, 300_000);
});
