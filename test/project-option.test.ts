// `--project DIR` (issue 8, item 8): every command reads rules/, forms/ and test/cases/ from
// the project folder; --rules, --forms and serve's --root still override the parts; relative
// fixture paths given on the command line resolve from the current folder, as before.
import { readdirSync } from 'node:fs';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tiaoli } from './support/cli.js';
import { projectCopy } from './support/project-copy.js';
import { root } from './support/regulation.js';
import { serveProcess, type ServeProcess } from './support/serve-process.js';

const in2023 = `name: 2023年申领
asOf: 2023-03-01
facts:
  person: { idNumber: "510104198806210574" }
  hukou: { county: "510104" }
  residence: { county: "530302", arrivedOn: 2022-06-01, registeredOn: 2022-06-02 }
  grounds: { employment: true }
  application:
    materials: { idCard: 1, photo: 2, leaseContract: 1, laborContract: 1 }
`;

// A second project: the Qujing one with the in-force period moved to 2027, only the
// art. 12 materials fixtures, and no replacement form.
let project: string;
let caseFile: string;
// counted from the folder, so that adding a fixture there does not break this test
const materialsFixtures = readdirSync(join(root, 'test/cases/12-materials')).filter((f) => /\.ya?ml$/.test(f)).length;
beforeAll(() => {
  project = projectCopy();
  const inForce = join(project, 'rules/parameters/in-force.yaml');
  writeFileSync(inForce, readFileSync(inForce, 'utf8').replace('2017-10-09: 2022-10-08', '2017-10-09: 2027-10-08'));
  rmSync(join(project, 'test/cases'), { recursive: true });
  cpSync(join(root, 'test/cases/12-materials'), join(project, 'test/cases/12-materials'), { recursive: true });
  rmSync(join(project, 'forms/replacement'), { recursive: true });
  caseFile = join(mkdtempSync(join(tmpdir(), 'tiaoli-project-case-')), 'in-2023.yaml');
  writeFileSync(caseFile, in2023);
});

const decide = (args: string[], after: string[] = []) => {
  const r = tiaoli([...args, 'decide', caseFile, '--brief', ...after]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { ruleset: string; instrument: string; decisions: { inForce: { value: boolean } } };
};

describe('--project DIR', () => {
  it('decide uses the project\'s rules; --rules overrides them', () => {
    // 2023: past the measures' term here (《居住证暂行条例》 decides); the copy's measures run to 2027
    const here = decide([]);
    const there = decide(['--project', project]);
    expect(here.instrument).toBe('national-2016');
    expect(there.instrument).toBe('qujing-2017');
    expect(there.decisions.inForce.value).toBe(true);
    // under the reading that keeps the measures' own answer, the rules decide alone
    const notInForce = ['--reading', 'outside-the-measures=notInForce'];
    const hereAlone = decide([], notInForce);
    expect(hereAlone.decisions.inForce.value).toBe(false);
    expect(there.ruleset).not.toBe(hereAlone.ruleset);
    expect(decide(['--project', project, '--rules', join(root, 'rules')], notInForce).ruleset).toBe(hereAlone.ruleset);
  });

  it('test with no paths runs the project\'s own test/cases; given paths resolve from the current folder', () => {
    const own = tiaoli(['test', '--project', project]);
    expect(own.stdout).toContain(`${materialsFixtures} passed, 0 failed`);
    expect(own.status).toBe(0);
    const given = tiaoli(['--project', project, 'test', 'test/cases/12-materials/only-one-photo.yaml']);
    expect(given.stdout).toContain('1 passed, 0 failed');
  });

  it('lint checks the project\'s rules, forms and fixtures and names them', () => {
    const r = tiaoli(['lint', '--project', project]);
    expect(r.stdout, r.stderr).toContain(`${materialsFixtures} 个夹具，没有问题`);
    expect(r.stdout).toContain(`（${relative(root, join(project, 'rules'))}）`);
    expect(r.stdout).toContain('6 个表单');
    expect(r.status).toBe(0);
  });

  it('coverage counts only the project\'s fixtures', () => {
    const r = tiaoli(['--project', project, 'coverage', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const fixtures = new Set<string>(JSON.parse(r.stdout).articles.flatMap((a: { paragraphs: Array<{ fixtures: string[] }> }) => a.paragraphs.flatMap((p) => p.fixtures)));
    expect(fixtures.size).toBeGreaterThan(0);
    expect([...fixtures].every((f) => f.includes('12-materials'))).toBe(true);
  });

  it('form and print read the project\'s forms; --forms overrides them', () => {
    const data = join(root, 'test/forms');
    const missing = tiaoli(['--project', project, 'form', 'replacement', join(data, 'permit-application-complete.yaml')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('没有名为 replacement 的窗口表单');
    const overridden = tiaoli(['--project', project, '--forms', join(root, 'forms'), 'form', 'replacement', join(data, 'permit-application-complete.yaml')]);
    expect(overridden.stderr).not.toContain('没有名为 replacement');
    const print = tiaoli(['--project', project, 'print', 'nosuchkind', caseFile]);
    expect(print.status).toBe(1);
    expect(print.stderr).toContain('没有 nosuchkind 这种打印件');
  });

  it('a project folder that does not exist, or has no rules, is named; nothing runs', () => {
    for (const command of [['lint'], ['test'], ['coverage'], ['decide', caseFile], ['serve', '--port', '0']]) {
      const r = tiaoli(['--project', join(project, 'no-such-folder'), ...command]);
      expect(r.status, command.join(' ')).toBe(1);
      expect(r.stderr).toContain(`找不到项目目录：${join(project, 'no-such-folder')}`);
    }
    const empty = mkdtempSync(join(tmpdir(), 'tiaoli-empty-project-'));
    for (const command of [['lint'], ['test'], ['decide', caseFile]]) {
      const r = tiaoli(['--project', empty, ...command]);
      expect(r.status, command.join(' ')).toBe(2);
      expect(r.stderr).toContain(`${join(empty, 'rules')}：没有 regulation.yaml`);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });
});

describe('serve --project DIR', () => {
  let served: ServeProcess;
  let rooted: ServeProcess;
  beforeAll(async () => {
    [served, rooted] = await Promise.all([serveProcess(['--project', project]), serveProcess(['--project', project, '--root', root])]);
  });
  afterAll(async () => {
    await served?.stop();
    await rooted?.stop();
  });

  // the folder line follows the address line; wait for it
  const folderLine = async (s: ServeProcess): Promise<string> => {
    for (let i = 0; i < 100 && !s.output().includes('项目目录：'); i++) await new Promise((r) => setTimeout(r, 50));
    return s.output();
  };

  it('serves the project folder; --root overrides it', async () => {
    expect(await folderLine(served)).toContain(`项目目录：${project}\n`);
    expect(await folderLine(rooted)).toContain(`项目目录：${root}\n`);
    // the API answers (and, without the studio page's session secret, refuses)
    expect((await fetch(`${served.url}api/project`)).status).toBe(403);
  });
});
