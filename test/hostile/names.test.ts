// Names are own properties everywhere (issue 7, item 5). A name that every JavaScript
// object inherits — constructor, __proto__, toString… — used where a rule file names a
// fact, parameter, derived fact, decision, interpretation, material, rule, function,
// argument or operator, or where a fixture's `expect:` names a decision field, is an
// "unknown" problem at file:line:column like any other unknown name: never accepted,
// never a TypeError. Defining such a name is refused where it is defined.
import { describe, expect, it } from 'vitest';
import { loadRegulationFiles, readRuleFiles } from '../../engine/model/load-regulation.js';
import { Decider, EvaluationError } from '../../engine/explain/decider.js';
import { resolvePath } from '../../engine/core/fact-names.js';
import { describeValue, labelOf } from '../../engine/explain/describe-value.js';
import { lintFixture } from '../../engine/project/fixtures/lint-fixture.js';
import { runFixture } from '../../engine/project/fixtures/run-fixtures.js';
import type { Problem } from '../../engine/core/source-file.js';
import { qujing, rulesCopy, rulesDir } from '../support/regulation.js';
import { tiaoli } from '../support/cli.js';

const NAMES = ['constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
/** the names a rule id or interpretation id may be spelt as (lower case, hyphens) */
const LOWER = NAMES.filter((n) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(n));
/** the names a parameter, derived fact, decision or field may be spelt as */
const IDENTIFIERS = NAMES.filter((n) => /^[A-Za-z][A-Za-z0-9]*$/.test(n));
/** the names that may not be defined: every plain object inherits them (`prototype` it does not) */
const INHERITED = IDENTIFIERS.filter((n) => n !== 'prototype');

const REGISTRATION = 'articles/10-registration-and-reporting.yaml';
const GENERAL = 'articles/01-04-general-provisions.yaml';

function positionOf(text: string, needle: string): { line: number; column: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`not found: ${needle}`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

interface Kind {
  kind: string;
  file: string;
  /** which names to try (some kinds only admit some spellings) */
  names: string[];
  edit: (name: string) => [from: string, to: string];
  code: string;
  /** where the problem must point: the text the edit wrote */
  at?: (name: string) => string;
}

const kinds: Kind[] = [
  { kind: 'case fact', file: REGISTRATION, names: NAMES, code: 'ref.unknownFact', edit: (n) => ['{ fact: residence.arrivedOn, operator: present', `{ fact: residence.${n}, operator: present`], at: (n) => `residence.${n}` },
  { kind: 'top-level case fact', file: REGISTRATION, names: NAMES, code: 'ref.unknownFact', edit: (n) => ['{ fact: residence.arrivedOn, operator: present', `{ fact: ${n}, operator: present`], at: (n) => `${n}, operator` },
  { kind: 'parameter', file: REGISTRATION, names: NAMES, code: 'ref.unknownParameter', edit: (n) => ['{ fact: params.registrationWorkingDays }', `{ fact: params.${n} }`] },
  { kind: 'derived fact', file: REGISTRATION, names: NAMES, code: 'ref.unknownDerived', edit: (n) => ['set: { registration.deadline: { fact: derived.registrationDeadline } }', `set: { registration.deadline: { fact: derived.${n} } }`] },
  { kind: 'decision', file: REGISTRATION, names: NAMES, code: 'ref.unknownDecision', edit: (n) => ['{ fact: decisions.floating.value, operator: equal', `{ fact: decisions.${n}.value, operator: equal`], at: (n) => `decisions.${n}.value` },
  { kind: 'decision field read', file: REGISTRATION, names: NAMES, code: 'ref.unknownDecision', edit: (n) => ['{ fact: decisions.floating.value, operator: equal', `{ fact: decisions.floating.${n}, operator: equal`], at: (n) => `decisions.floating.${n}` },
  { kind: 'decision field set', file: REGISTRATION, names: NAMES, code: 'ref.unknownDecision', edit: (n) => ['set: { registration.status: late }', `set: { registration.${n}: late }`], at: () => `late }` },
  { kind: 'decision set', file: REGISTRATION, names: NAMES, code: 'ref.unknownDecision', edit: (n) => ['set: { registration.status: late }', `set: { ${n}.status: late }`], at: () => `late }` },
  { kind: 'interpretation', file: REGISTRATION, names: LOWER, code: 'ref.unknownInterpretation', edit: (n) => ['    interpretations: [working-days]\n    when:', `    interpretations: [${n}]\n    when:`], at: (n) => `${n}]` },
  { kind: 'overridden rule', file: GENERAL, names: LOWER, code: 'ref.unknownRule', edit: (n) => ['overrides: [floating-across-townships]', `overrides: [${n}]`], at: (n) => `${n}]` },
  { kind: 'function', file: REGISTRATION, names: IDENTIFIERS, code: 'ref.unknownFunction', edit: (n) => ['function: addWorkingDays\n    args: { from: { fact: residence.arrivedOn }', `function: ${n}\n    args: { from: { fact: residence.arrivedOn }`], at: (n) => `${n}\n` },
  { kind: 'function argument', file: REGISTRATION, names: NAMES, code: 'ref.unknownArgument', edit: (n) => ['days: { fact: params.registrationWorkingDays } }', `days: { fact: params.registrationWorkingDays }, ${n}: 1 }`], at: () => `1 }` },
  { kind: 'operator', file: REGISTRATION, names: NAMES, code: 'ref.unknownOperator', edit: (n) => ['{ fact: residence.arrivedOn, operator: present', `{ fact: residence.arrivedOn, operator: ${n}`], at: (n) => `${n}, value` },
  { kind: 'material of a requirement', file: 'articles/12-13-application.yaml', names: NAMES, code: 'vocabulary.unknownCode', edit: (n) => ['satisfiedBy: [agentIdCard]', `satisfiedBy: [${n}]`] },
  { kind: 'parameter of a requirement', file: 'articles/12-13-application.yaml', names: IDENTIFIERS, code: 'ref.unknownParameter', edit: (n) => ['count: { param: photoCount }', `count: { param: ${n} }`] },
  { kind: 'parameter defined', file: 'parameters/materials.yaml', names: INHERITED, code: 'load.reservedName', edit: (n) => ['photoCount:\n', `${n}:\n  label: 名称\n  article: "12.1"\n  type: integer\n  values:\n    2017-10-09: 1\nphotoCount:\n`], at: () => 'label: 名称' },
  { kind: 'derived fact defined', file: REGISTRATION, names: INHERITED, code: 'load.reservedName', edit: (n) => ['derived:\n', `derived:\n  ${n}:\n    label: 名称\n    function: firstPresent\n    args: { values: [1] }\n`], at: () => 'label: 名称' },
  { kind: 'decision defined', file: 'regulation.yaml', names: INHERITED, code: 'load.reservedName', edit: (n) => ['decisions:\n', `decisions:\n  ${n}:\n    label: 名称\n    articles: ["2"]\n    fields:\n      value: { type: boolean, label: 值 }\n`], at: () => 'label: 名称' },
  { kind: 'decision field defined', file: 'regulation.yaml', names: INHERITED, code: 'load.reservedName', edit: (n) => ['      value: { type: boolean, label: 流动人口, default: false }\n', `      value: { type: boolean, label: 流动人口, default: false }\n      ${n}: { type: boolean, label: 名称 }\n`], at: () => '{ type: boolean, label: 名称 }' },
];

const ruleFiles = readRuleFiles(rulesDir);

/** Loads the rule files with one edit, in memory; the loader must return, not throw. */
function loadEdited(file: string, from: string, to: string) {
  const text = ruleFiles.get(file)!.replace(from, to);
  if (text === ruleFiles.get(file)) throw new Error(`edit of ${file} changed nothing: ${from}`);
  const result = loadRegulationFiles(rulesDir, new Map([...ruleFiles, [file, text]]));
  return { ...result, text };
}

function expectLocated(problems: Problem[]): void {
  for (const p of problems) {
    expect(p.location.file).toBeTruthy();
    expect(p.location.line).toBeGreaterThanOrEqual(1);
    expect(p.location.column).toBeGreaterThanOrEqual(1);
  }
}

const someFixture = { asOf: '2019-09-16', facts: { hukou: { county: '510104' }, residence: { county: '530302', township: '寥廓街道', townshipKind: 'street', arrivedOn: '2019-03-01' }, application: { materials: { idCard: 1, photo: 1 } } } };

describe('an inherited name in a rule file is an unknown name, at file:line:column', () => {
  for (const k of kinds) {
    it.each(k.names)(`${k.kind}: %s`, async (name) => {
      const [from, to] = k.edit(name);
      const { regulation, problems, text } = loadEdited(k.file, from, to);
      expectLocated(problems);
      const problem = problems.find((p) => p.code === k.code && p.message.includes(name));
      expect(problem, JSON.stringify(problems, null, 1)).toBeDefined();
      expect(problem!.location.file.endsWith(k.file)).toBe(true);
      if (k.at) expect(problem!.location).toMatchObject(positionOf(text, k.at(name)));
      else expect(problem!.location.line).toBe(positionOf(text, to.split('\n')[0]).line);
      // deciding with what was loaded (as the server does) works or is refused, never a TypeError
      if (regulation) {
        const outcome = await new Decider(regulation).decide(someFixture).then(() => undefined, (e: unknown) => e);
        if (outcome !== undefined) expect(outcome).toBeInstanceOf(EvaluationError);
      }
    });
  }

  it('prototype, which plain objects do not inherit, may name a parameter, a derived fact, a decision and a field', () => {
    for (const k of kinds.filter((x) => x.code === 'load.reservedName')) {
      const [from, to] = k.edit('prototype');
      expect(loadEdited(k.file, from, to).problems.filter((p) => p.code === 'load.reservedName')).toEqual([]);
    }
  });

  it('a name spelt so that the schema refuses it is still a located problem (interpretation __proto__)', () => {
    const { problems } = loadEdited(REGISTRATION, '    interpretations: [working-days]\n    when:', '    interpretations: [__proto__]\n    when:');
    expect(problems.length).toBeGreaterThan(0);
    expectLocated(problems);
    expect(problems[0].location.file.endsWith(REGISTRATION)).toBe(true);
  });

  it('tiaoli lint names params.constructor, derived.__proto__ and a toString argument at file:line:column', () => {
    const copy = rulesCopy();
    copy.edit(REGISTRATION, 'days: { fact: params.registrationWorkingDays } }', 'days: { fact: params.constructor }, toString: 1 }');
    copy.edit(REGISTRATION, 'set: { registration.deadline: { fact: derived.registrationDeadline } }', 'set: { registration.deadline: { fact: derived.__proto__ } }');
    const run = tiaoli(['lint', '--rules', copy.dir]);
    const text = copy.read(REGISTRATION);
    const at = (needle: string): string => { const p = positionOf(text, needle); return `${p.line}:${p.column}`; };
    expect(run.stderr).not.toMatch(/TypeError|at .*\.ts:\d+/);
    expect(run.stdout).toContain(`10-registration-and-reporting.yaml:${at('{ fact: params.constructor }')}: 参数 constructor 未定义`);
    expect(run.stdout).toContain(`10-registration-and-reporting.yaml:${at('{ fact: derived.__proto__ }')}: 派生事实 __proto__ 未定义`);
    expect(run.stdout).toMatch(/函数 addWorkingDays 没有参数 toString/);
    expect(run.status).toBe(1);
  }, 300_000);
});

describe('an inherited name at run time is an EvaluationError, never a TypeError', () => {
  it.each(NAMES)('a rule reading derived.NAME, params.NAME, decisions.NAME.value, decisions.floating.NAME: %s', async (name) => {
    for (const fact of [`derived.${name}`, `params.${name}`, `decisions.${name}.value`, `decisions.floating.${name}`]) {
      const { regulation } = loadEdited(REGISTRATION, '{ fact: residence.arrivedOn, operator: present, value: true }', `{ fact: ${fact}, operator: present, value: true }`);
      await expect(new Decider(regulation!).decide(someFixture)).rejects.toSatisfy((e) => e instanceof EvaluationError && (e as Error).message.includes(name));
    }
  });
});

describe('fixtures: an inherited name in expect: is a fixture error', () => {
  const fixture = (path: string): string => `asOf: 2019-09-16\nfacts:\n  hukou: { county: "510104" }\n  residence: { county: "530302", arrivedOn: 2019-03-01 }\nexpect:\n  floating.value: true\n  ${path}: null\n`;
  const paths = NAMES.flatMap((n) => [`floating.${n}`, `${n}.value`, `${n}`, `floating.value.${n}`]);

  it.each(paths)('lint: expect %s', (path) => {
    const text = fixture(path);
    const problems = lintFixture(qujing().regulation, text, 'test/cases/x.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'fixture.unknownDecision', location: { file: 'test/cases/x.yaml', ...positionOf(text, 'null') } });
    expect(problems[0].message).toContain(path);
  });

  it.each(paths)('run: expect %s fails with a located error instead of passing', async (path) => {
    const result = await runFixture(qujing(), 'test/cases/x.yaml', fixture(path));
    expect(result.passed).toBe(false);
    const at = positionOf(fixture(path), 'null');
    expect(result.error).toContain(`test/cases/x.yaml:${at.line}:${at.column}: expect 中的 ${path} 不是已定义的决定字段`);
    expect(result.error).toContain(`expect 中的 ${path} 不是已定义的决定字段`);
  });
});

describe('case facts and codes: own properties only', () => {
  it.each(NAMES)('resolvePath finds no inherited %s', (name) => {
    expect(resolvePath({}, name)).toBeUndefined();
    expect(resolvePath({ person: {} }, `person.${name}`)).toBeUndefined();
    expect(resolvePath({ person: { idNumber: '1' } }, `person.idNumber.${name}`)).toBeUndefined();
    expect(resolvePath([], name)).toBeUndefined();
    expect(resolvePath(JSON.parse(`{"${name}": 1}`), name)).toBe(1);
  });

  it('a path that is not text finds nothing (and is no TypeError)', () => {
    expect(resolvePath({ a: 1 }, 5 as unknown as string)).toBeUndefined();
    expect(resolvePath({ a: 1 }, undefined as unknown as string)).toBeUndefined();
  });

  it.each(NAMES)('a condition with path: %s on a case object finds nothing', async (name) => {
    const { regulation, problems } = loadEdited(REGISTRATION, '{ fact: residence.arrivedOn, operator: present, value: true }', `{ fact: residence, path: ${name}, operator: present, value: true }`);
    expect(problems).toEqual([]);
    const doc = await new Decider(regulation!).decide(someFixture);
    expect(doc.decisions.registration).not.toHaveProperty('deadline');
  });

  it.each(NAMES)('a code %s is shown as itself, not as an inherited function', (name) => {
    const vocabulary = qujing().regulation.vocabulary;
    expect(describeValue(name, vocabulary)).toBe(name);
    expect(labelOf(name, vocabulary)).toBe(name);
  });
});
