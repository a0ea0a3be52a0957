// Hostile input to requirements and code lists (issue 8, items 4 and 5): any code a
// parameter may name, names every object inherits as services, requirements, lists and
// codes, lists and services a form or the case schema names that do not exist. Loading
// never throws; every problem is located; a code that loads is accepted everywhere the
// requirement reaches (case schema, form, decision) and nothing else is.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadRegulationFiles, readRuleFiles } from '../../engine/model/load-regulation.js';
import { Decider } from '../../engine/explain/decider.js';
import { checkCase } from '../../engine/model/case/validate-case.js';
import { checkForms } from '../../engine/project/forms/check-forms.js';
import { buildForms } from '../../engine/project/forms/load-forms.js';
import { FormTemplateError, resolveForm } from '../../engine/project/forms/resolve-form.js';
import { readTextFiles } from '../../engine/model/load-regulation.js';
import type { Problem } from '../../engine/core/source-file.js';
import { rulesDir } from '../support/regulation.js';
import { formsDir } from '../support/forms.js';

const RUNS = 300;
const ruleFiles = readRuleFiles(rulesDir);
const formFiles = readTextFiles(formsDir);
/** the real forms, built once: each run resolves the application form against its own regulation */
const forms = buildForms(formFiles, 'forms', 'forms');
const MATERIALS = 'parameters/materials.yaml';
const APPLICATION = 'articles/12-13-application.yaml';
const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];

function load(edits: Array<[file: string, from: string, to: string]>) {
  const files = new Map(ruleFiles);
  for (const [file, from, to] of edits) {
    const text = files.get(file)!;
    if (!text.includes(from)) throw new Error(`edit of ${file} changed nothing: ${from}`);
    files.set(file, text.replace(from, to));
  }
  return loadRegulationFiles(rulesDir, files);
}

function expectLocated(problems: Problem[]): void {
  for (const p of problems) {
    expect(p.location.file).toMatch(/^rules\//);
    expect(p.location.line).toBeGreaterThanOrEqual(1);
    expect(p.location.column).toBeGreaterThanOrEqual(1);
    expect(p.message).not.toMatch(/TypeError|undefined|\[object/);
  }
}

const applicant = {
  person: { idNumber: '510104198806210574' },
  hukou: { county: '510104' },
  residence: { county: '530302', township: '寥廓街道', townshipKind: 'street', arrivedOn: '2019-02-25', registeredOn: '2019-02-27' },
  grounds: { employment: true },
};

describe('any code a parameter names as a new address proof', () => {
  const code = fc.oneof(
    fc.constantFrom(...INHERITED, 'prototype', 'idCard', 'photo', 'a.b', '0', '530302', '-x', 'x y', '', '单位宿舍', 'dormitoryCertificate'),
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,12}$/),
    fc.string({ maxLength: 12 }),
  );
  const label = fc.oneof(fc.constantFrom('单位集体宿舍证明', '居民身份证', '', ' '), fc.string({ maxLength: 8 }));

  it(`loads or is refused at a line, and a loaded code is accepted by the case schema, the form and the decision (${RUNS} runs)`, async () => {
    let accepted = 0;
    await fc.assert(fc.asyncProperty(code, label, async (c, l) => {
      const result = load([[MATERIALS, '    accommodationCertificate: 住宿证明\n  values:\n    2017-10-09: [leaseContract, propertyCertificate, purchaseContract, accommodationCertificate]',
        `    accommodationCertificate: 住宿证明\n    ${JSON.stringify(c)}: ${JSON.stringify(l)}\n  values:\n    2017-10-09: [leaseContract, propertyCertificate, purchaseContract, accommodationCertificate, ${JSON.stringify(c)}]`]]);
      expectLocated(result.problems);
      if (result.problems.length) return;
      accepted += 1;
      const regulation = result.regulation!;
      const facts = { ...applicant, application: { materials: { idCard: 1, photo: 2, laborContract: 1, [c]: 1 } } };
      const checked = checkCase(regulation, { asOf: '2019-09-16', facts: JSON.parse(JSON.stringify(facts)) });
      expect(checked.problems).toEqual([]);
      const form = resolveForm(forms.set, forms.set.forms['permit-application'], regulation, '2019-09-16');
      expect(Object.hasOwn(form.schema.properties.materials.properties, c)).toBe(true);
      const doc = await new Decider(regulation).decide(checked.case!);
      expect(doc.decisions.application.missing).toEqual(c === 'photo' || c === 'idCard' ? expect.any(Array) : []);
    }), { numRuns: RUNS });
    // the generator is not all refusals: ordinary codes load
    expect(accepted).toBeGreaterThan(RUNS / 10);
  }, 300_000);

  it('a code the shipped rules do not know is refused by the case schema, by name', () => {
    const { regulation } = load([]);
    const checked = checkCase(regulation!, { asOf: '2019-09-16', facts: { ...applicant, application: { materials: { dormitoryCertificate: 1 } } } });
    expect(checked.problems.map((p) => p.message).join('\n')).toContain('dormitoryCertificate');
  });
});

describe('names every object inherits, as services, requirements and lists', () => {
  it.each(INHERITED.filter((n) => /^[A-Za-z][A-Za-z0-9]*$/.test(n)))('%s as a service and as a requirement is refused where it is written', (name) => {
    const asService = load([[APPLICATION, 'requirements:\n  application:\n', `requirements:\n  ${name}:\n    handedIn: application.materials\n    missing: application.missing\n    codes: materials\n    needs:\n      idCard: { label: 本人居民身份证, article: "12.1", satisfiedBy: [idCard] }\n  application:\n`]]);
    expectLocated(asService.problems);
    expect(asService.problems.map((p) => p.code)).toContain('load.reservedName');
    const asRequirement = load([[APPLICATION, '    needs:\n      idCard:', `    needs:\n      ${name}: { label: 名称, article: "12.1", satisfiedBy: [idCard] }\n      idCard:`]]);
    expectLocated(asRequirement.problems);
    expect(asRequirement.problems.map((p) => p.code)).toContain('load.reservedName');
  });

  it.each(INHERITED)('%s as the list a parameter, the case schema or a service names is an unknown list', (name) => {
    const q = JSON.stringify(name);
    for (const [file, from, to] of [
      [MATERIALS, '  codes: materials\n  labels:\n    leaseContract', `  codes: ${q}\n  labels:\n    leaseContract`],
      ['case.schema.yaml', 'propertyNames: { $codes: materials }', `propertyNames: { $codes: ${q} }`],
      [APPLICATION, '    codes: materials', `    codes: ${q}`],
    ] as Array<[string, string, string]>) {
      const { problems } = load([[file, from, to]]);
      expectLocated(problems);
      expect(problems.length, `${file}: ${name}`).toBeGreaterThan(0);
    }
  });

  it.each(INHERITED)('%s as a form\'s service or list is a located form problem, never a TypeError', (name) => {
    const regulation = load([]).regulation!;
    for (const [file, from, to] of [
      ['permit-application/schema.yaml', '$requirements: application', `$requirements: ${JSON.stringify(name)}`],
      ['permit-application/uischema.yaml', '$requirementGroups: application', `$requirementGroups: ${JSON.stringify(name)}`],
      ['common.yaml', '$divisions: { list: divisions', `$divisions: { list: ${JSON.stringify(name)}`],
    ] as Array<[string, string, string]>) {
      const edited = new Map(formFiles);
      expect(edited.get(file)!.includes(from)).toBe(true);
      edited.set(file, edited.get(file)!.replace(from, to));
      const forms = buildForms(edited, 'forms', 'forms');
      const problems = checkForms(forms.set, regulation, '2019-09-16');
      expect(problems.length, `${file}: ${name}`).toBeGreaterThan(0);
      for (const p of problems) expect(p.location.line).toBeGreaterThanOrEqual(1);
      expect(() => resolveForm(forms.set, forms.set.forms['permit-application'], regulation, '2019-09-16')).toThrow(FormTemplateError);
    }
  });
});

describe('mistakes in a requirement, at the requirement', () => {
  it('an unknown fact in a requirement\'s condition, a code of no list, a parameter of another list, two names for one code', () => {
    const cases: Array<[string, string, string, string]> = [
      [APPLICATION, 'fact: grounds.employment, operator: equal', 'fact: grounds.employmnt, operator: equal', 'ref.unknownFact'],
      [APPLICATION, 'satisfiedBy: [agentIdCard]', 'satisfiedBy: [agentPassport]', 'vocabulary.unknownCode'],
      [APPLICATION, 'satisfiedBy: [{ param: addressProofs }]', 'satisfiedBy: [{ param: qujingCounties }]', 'requirement.paramNotCodes'],
      ['articles/14-validity-and-endorsement.yaml', '        label: 本人居民身份证\n        article: "14.2"', '        label: 居民身份证原件\n        article: "14.2"', 'requirement.conflictingLabel'],
      [APPLICATION, '          - satisfiedBy: [householdRegister]', '          - satisfiedBy: [householdRegistr]', 'vocabulary.unknownCode'],
      [APPLICATION, '    missing: application.missing', '    missing: application.outcome', 'rule.addScalar'],
      [APPLICATION, '  application:\n    handedIn', '  applicaton:\n    handedIn', 'requirement.unknownService'],
    ];
    for (const [file, from, to, code] of cases) {
      const { problems } = load([[file, from, to]]);
      expectLocated(problems);
      const problem = problems.find((p) => p.code === code);
      expect(problem, `${code}: ${JSON.stringify(problems)}`).toBeDefined();
      expect(problem!.location.file).toBe(`rules/${file}`);
    }
  });
});
