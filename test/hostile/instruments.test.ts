// Hostile rules/instruments.yaml and rules/mappings/*.yaml: every bad input is a located
// Chinese message at its own line; nothing throws, nothing is executed, no prototype is
// touched, and a path cannot name a file outside a relative folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readInstruments } from '../../engine/project/instruments/read-instruments.js';
import { readMapping } from '../../engine/project/instruments/read-mapping.js';
import { mapCase } from '../../engine/project/instruments/map-case.js';
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { qujing, root } from '../support/regulation.js';
import { tiaoli } from '../support/cli.js';
import { rulesCopy } from '../support/regulation.js';

const INSTRUMENTS = 'rules/instruments.yaml';
const MAPPING = 'rules/mappings/national-2016.yaml';
const instruments = readFileSync(join(root, INSTRUMENTS), 'utf8');
const mapping = readFileSync(join(root, MAPPING), 'utf8');
const national = loadRegulationOrThrow(join(root, 'projects/national-2016/rules'));
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

function problemsOf(read: { problems: Array<{ message: string; location: { file: string; line: number } }> }, file: string) {
  expect(read.problems.length).toBeGreaterThan(0);
  for (const p of read.problems) {
    expect(p.location.file).toBe(file);
    expect(p.location.line).toBeGreaterThanOrEqual(1);
    expect(p.message).toMatch(/[\u4e00-\u9fff]/);
  }
  return read.problems;
}
const checkInstruments = (text: string) => readInstruments(text, INSTRUMENTS, qujing().base);
const checkMapping = (text: string) => readMapping(text, MAPPING, qujing().base, national, 'national-2016');

describe('a hostile instruments.yaml', () => {
  it('the project\'s own file reads', () => {
    const read = checkInstruments(instruments);
    expect(read.problems).toEqual([]);
    expect(read.instruments?.own).toMatchObject({ id: 'qujing-2017', from: '2017-10-09', until: '2022-10-08', implements: 'national-2016' });
  });

  it('inherited or malformed ids, an unknown level, a bad territory code: each at its line', () => {
    const proto = problemsOf(checkInstruments(instruments.replace('id: qujing-2017', 'id: __proto__')), INSTRUMENTS);
    expect(proto[0].location.line).toBe(lineOf(instruments, 'id: qujing-2017'));
    expect(problemsOf(checkInstruments(instruments.replace('id: national-2016', 'id: constructor')), INSTRUMENTS)[0].message).toContain('不可用');
    expect(problemsOf(checkInstruments(instruments.replace('level: municipal', 'level: galactic')), INSTRUMENTS)[0].location.line).toBe(lineOf(instruments, 'level: municipal'));
    expect(problemsOf(checkInstruments(instruments.replace('territory: ["530300"]', 'territory: [530300]')), INSTRUMENTS)[0].message).toContain('带引号的六位数字');
  });

  it('a project path that is absolute, or not a plain relative path, is refused (nothing is read from it)', () => {
    for (const bad of ['/etc', 'C:\\\\rules', 'projects/national-2016;rm -rf', '~/x', 'file:///etc']) {
      const [p] = problemsOf(checkInstruments(instruments.replace('project: projects/national-2016', `project: "${bad}"`)), INSTRUMENTS);
      expect(p.location.line).toBe(lineOf(instruments, 'project: projects/national-2016'));
    }
    expect(problemsOf(checkInstruments(instruments.replace('mapping: mappings/national-2016.yaml', 'mapping: ../../secret.yaml')), INSTRUMENTS)[0].message).toContain('rules/ 下');
  });

  it('an unknown superior, a cycle of implements, two own instruments, a term that ends before it starts', () => {
    expect(problemsOf(checkInstruments(instruments.replace('implements: national-2016', 'implements: hasOwnProperty')), INSTRUMENTS)[0].message).toContain('不是本清单中的文件');
    const cycle = instruments.replace('    project: projects/national-2016', '    implements: qujing-2017\n    project: projects/national-2016');
    expect(problemsOf(checkInstruments(cycle), INSTRUMENTS).some((p) => p.message.includes('成环'))).toBe(true);
    expect(problemsOf(checkInstruments(instruments.replace('project: projects/national-2016', 'project: self')), INSTRUMENTS)[0].message).toContain('只能有一件');
    const term = instruments.replace('inForce: { from: 2016-01-01 }', 'inForce: { from: 2016-01-01, until: 2015-01-01 }');
    expect(problemsOf(checkInstruments(term), INSTRUMENTS)[0].message).toContain('早于施行之日');
    const param = instruments.replace('until: { param: inForceUntil }', 'until: { param: __proto__ }');
    expect(problemsOf(checkInstruments(param), INSTRUMENTS)[0].message).toContain('不是本项目的日期参数');
  });

  it('an interpretation or alternative that does not exist; an unknown key; an alias bomb', () => {
    expect(problemsOf(checkInstruments(instruments.replace('superior: superior ', 'superior: toString ')), INSTRUMENTS)[0].message).toContain('没有读法 toString');
    expect(problemsOf(checkInstruments(instruments.replace('interpretation: outside-the-measures', 'interpretation: valueOf')), INSTRUMENTS)[0].message).toContain('不在 rules/interpretations/');
    expect(problemsOf(checkInstruments(`${instruments}\nexecute: "process.exit(1)"\n`), INSTRUMENTS)[0].message).toContain('不认识 execute');
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`;
    problemsOf(checkInstruments(bomb), INSTRUMENTS);
  });

  it('fuzzed texts never throw and never touch a prototype', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (junk) => {
      const read = checkInstruments(instruments.replace('title: 居住证暂行条例', `title: ${JSON.stringify(junk)}`).replace('territory: ["000000"]', junk.length % 2 ? `territory: ${JSON.stringify([junk])}` : 'territory: ["000000"]'));
      expect(Array.isArray(read.problems)).toBe(true);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }), { numRuns: 200 });
  });
});

describe('a hostile mapping file', () => {
  it('the project\'s own mapping reads', () => {
    expect(checkMapping(mapping).problems).toEqual([]);
  });

  it('facts and fields that do not exist on either side, or are inherited names: at their lines', () => {
    const from = problemsOf(checkMapping(mapping.replace('{ from: person.idNumber, to: person.idNumber }', '{ from: person.__proto__, to: person.idNumber }')), MAPPING);
    expect(from[0].location.line).toBe(lineOf(mapping, 'from: person.idNumber'));
    expect(problemsOf(checkMapping(mapping.replace('to: hukou.township }', 'to: hukou.townshipKind }')), MAPPING)[0].message).toContain('不是 national-2016 案件的事实');
    expect(problemsOf(checkMapping(mapping.replace('local: floating.value', 'local: constructor.name')), MAPPING)[0].message).toContain('不是本项目的决定字段');
    expect(problemsOf(checkMapping(mapping.replace('superior: eligibility.otherCity', 'superior: eligibility.toString')), MAPPING)[0].location.line).toBe(lineOf(mapping, 'superior: eligibility.otherCity'));
  });

  it('values not in either vocabulary, a compare of the wrong type, neither order nor compare, a fact with two sources', () => {
    expect(problemsOf(checkMapping(mapping.replace('issueOnSpot: accept', 'issueOnSpot: grant')), MAPPING)[0].message).toContain('"grant" 不是 application.outcome 的值');
    expect(problemsOf(checkMapping(mapping.replace('order: [accept, notice, inPersonRequired, ineligible]', 'order: [accept, approve]')), MAPPING)[0].message).toContain('不是 application.outcome 的值');
    expect(problemsOf(checkMapping(mapping.replace('    compare: later\n', '    compare: higher\n')), MAPPING)[0].message).toContain('比较的是number');
    expect(problemsOf(checkMapping(mapping.replace('    compare: more\n', '')), MAPPING)[0].message).toContain('order');
    expect(problemsOf(checkMapping(mapping.replace('{ from: hukou.township, to: hukou.township }', '{ from: hukou.township, to: hukou.county }')), MAPPING)[0].message).toContain('只能有一个来源');
    expect(problemsOf(checkMapping(mapping.replace('division: { digits: 4,', 'division: { digits: 40,')), MAPPING)[0].message).toContain('division');
  });

  it('a case mapped through it keeps no name that was not mapped, and an own-property trap stays data', () => {
    const read = checkMapping(mapping);
    const hostile = JSON.parse('{"asOf":"2024-03-01","facts":{"__proto__":{"polluted":1},"hukou":{"county":"510104","constructor":"x"},"contract":{"signedOn":"2024-01-01"}}}');
    const mapped = mapCase(hostile, read.mapping!);
    expect(mapped.facts).toEqual({ hukou: { county: '510104', city: '510100' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('lint and decide on a hostile copy', () => {
  it('lint names a broken mapping at its line; decide refuses to decide and names it', () => {
    const copy = rulesCopy();
    copy.edit('mappings/national-2016.yaml', '{ from: grounds, to: grounds }', '{ from: grounds, to: groundz }');
    const lint = tiaoli(['--rules', copy.dir, 'lint']);
    expect(lint.status).toBe(1);
    expect(lint.stdout).toMatch(new RegExp(`mappings/national-2016\\.yaml:${lineOf(mapping, 'from: grounds')}:\\d+: to groundz 不是 national-2016 案件的事实`));
    const decided = tiaoli(['--rules', copy.dir, 'decide', 'test/cases/23-outside-the-measures/2024-03-01-complete-application-accepted-under-the-regulation.yaml']);
    expect(decided.status).toBe(2);
    expect(decided.stderr).toContain('规范性文件清单有 1 处错误，未作决定');
  });
});
