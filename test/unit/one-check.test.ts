// One check: `tiaoli lint` and the server's save check run the same checkProject, so a
// broken template, or prints.yaml naming a template that is not there, is the same
// problem, at the same file:line:column, in both.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../engine/server/project-store.js';
import { versionOf } from '../../engine/server/project-files.js';
import { formatProblem } from '../../engine/core/source-file.js';
import { projectCopy } from '../support/project-copy.js';
import { root } from '../support/regulation.js';
import { parse } from 'yaml';

const NOTICE = 'forms/prints/notice.hbs';
const PRINTS = 'forms/prints/prints.yaml';
const SCHEMA = 'rules/case.schema.yaml';

let dir: string;
let store: ProjectStore;
beforeEach(() => {
  dir = projectCopy();
  store = new ProjectStore(dir, { freshMs: 0 });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `tiaoli lint` run in the project folder: its problem lines for one file. */
function lintLines(file: string): string[] {
  const r = spawnSync(process.execPath, [join(root, 'engine/cli/bin.js'), 'lint'], { cwd: dir, encoding: 'utf8' });
  expect(r.status).toBe(1);
  return r.stdout.split('\n').filter((l) => l.startsWith(`${file}:`));
}

/** What the server's save check says of a change to one file (without saving it). */
async function saveLines(file: string, text: string): Promise<string[]> {
  const current = readFileSync(join(dir, file), 'utf8');
  const outcome = await store.save(file, text, versionOf(current));
  expect(outcome.kind).toBe('invalid');
  expect(readFileSync(join(dir, file), 'utf8')).toBe(current); // refused: nothing written
  return outcome.kind === 'invalid' ? outcome.problems.map(formatProblem) : [];
}

const edit = (file: string, from: string, to: string): string => {
  const text = readFileSync(join(dir, file), 'utf8');
  if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
  return text.replace(from, to);
};

describe('lint and the save check are one check', () => {
  it.each([
    ['a template with a helper that does not exist', NOTICE, '{{#if (eq decisions.application.outcome "notice")}}', '{{#if (eq decisions.application.outcome "notice")}}{{nosuchHelper asOf}}', /nosuchHelper/],
    ['a template that does not close a block', NOTICE, '{{/if}}\n', '\n', /./],
    ['prints.yaml naming a template that is not there', PRINTS, 'template: slip.hbs', 'template: receipt.hbs', /receipt\.hbs/],
    ['a case schema that is not a schema', SCHEMA, 'type: object\nrequired: [asOf, facts]', 'type: objekt\nrequired: [asOf, facts]', /./],
  ])('%s', async (_what, file, from, to, says) => {
    const broken = edit(file, from, to);
    const fromSave = await saveLines(file, broken);
    writeFileSync(join(dir, file), broken);
    const fromLint = lintLines(file);
    expect(fromSave.length).toBeGreaterThan(0);
    expect(fromSave.join('\n')).toMatch(says);
    expect(fromLint).toEqual(fromSave);
  });

  it('lint of a clean copy and the save check of an unchanged file both find nothing', async () => {
    const r = spawnSync(process.execPath, [join(root, 'engine/cli/bin.js'), 'lint'], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout).toContain('没有问题');
    expect(r.status).toBe(0);
    const text = readFileSync(join(dir, NOTICE), 'utf8');
    expect((await store.save(NOTICE, text, versionOf(text))).kind).toBe('saved');
  });
});

describe('one wording of ajv errors', () => {
  // the same error (a count below zero, a count that is not whole, a missing field, an
  // extra field) from the CLI's case check, checkCase (the server's answer), the counter
  // form validator (the CLI's `form`, the server) and the studio's counter (JSON Forms)
  const detail = (message: string): string => message.slice(message.lastIndexOf('：') + 1);
  const applicant = { name: '王芳', idNumber: '510104198806210574' };
  const kinds: Array<[string, (facts: any, form: any) => void, string]> = [
    ['a count below zero', (c, f) => { c.application.materials.photo = -1; f.materials.photo = -1; }, '不得小于 0'],
    ['a count that is not whole', (c, f) => { c.application.materials.photo = 1.5; f.materials.photo = 1.5; }, '应为整数'],
    ['a missing field', (c, f) => { delete c.contract.signedOn; delete f.applicant.name; }, '必填'],
    ['a field the schema does not have', (c, f) => { c.person.nickname = 'x'; f.applicant.nickname = 'x'; }, '没有这一项（拼写有误，或不属于这里），请删除或改正'],
  ];

  it.each(kinds)('%s', async (_what, breakIt, wording) => {
    const { qujing } = await import('../support/regulation.js');
    const { checkCase } = await import('../../engine/model/case/validate-case.js');
    const { errorsOf, resolved } = await import('../support/forms.js');
    const { formAjv, translateError } = await import('../../studio/src/counter/form-ajv.js');
    const regulation = qujing().regulation;
    const facts: any = { person: { ...applicant }, contract: { signedOn: '2019-03-01' }, application: { materials: { photo: 2 } } };
    const form: any = parse(readFileSync(join(root, 'test/forms/permit-application-complete.yaml'), 'utf8'));
    expect(errorsOf('permit-application', regulation, form)).toEqual([]);
    breakIt(facts, form);
    const caseInput = { asOf: '2019-09-16', facts };

    const fromCheckCase = checkCase(regulation, caseInput).problems.map((p) => detail(p.message));
    const file = join(dir, 'case.json');
    writeFileSync(file, JSON.stringify(caseInput));
    const cli = spawnSync(process.execPath, [join(root, 'engine/cli/bin.js'), 'decide', file], { cwd: root, encoding: 'utf8' });
    const fromCli = cli.stderr.split('\n').filter((l) => / \[schema\./.test(l)).map((l) => detail(l.replace(/ \[schema\.[^\]]+\]$/, '')));
    const fromForm = errorsOf('permit-application', regulation, form).map(detail);
    const validate = formAjv.compile(resolved('permit-application', regulation).schema);
    expect(validate(form)).toBe(false);
    const fromCounter = (validate.errors ?? []).filter((e) => !['if', 'anyOf', 'allOf', 'oneOf'].includes(e.keyword)).map(translateError);

    expect(fromCheckCase).toEqual([wording]);
    expect(fromCli).toEqual([wording]);
    expect(fromForm).toEqual([wording]);
    expect(fromCounter).toEqual([wording]);
  });
});
