// `tiaoli` runs the built JavaScript (engine/dist, made by `npm run build` and `npm install`),
// never a stale build: with sources newer than the build, or no build, it runs the sources
// through tsx and says so. The build's precompiled schema validators and pre-read YAML are
// found by content, so a case schema or a rule file edited after the build takes effect.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCases } from './bench/generate-cases.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markBuilt, packageCopy, tiaoliIn } from './support/package-copy.js';
import { tiaoli } from './support/cli.js';
import { projectCopy } from './support/project-copy.js';
import { qujing, qujingProject, root } from './support/regulation.js';
import { parseCase } from '../engine/model/case/validate-case.js';

const NOTICE = '改用 tsx 直接运行源文件';
const ONE_PHOTO = 'test/cases/12-materials/several-materials-missing.yaml';
const FIXTURES = [
  ONE_PHOTO,
  'test/cases/11-eligibility/half-year-complete-on-halfyearon-eligible.yaml',
  'test/cases/12-agent/born-29-february-aged-15-allowed.yaml',
];

describe('tiaoli runs the build', () => {
  let copy: string;
  beforeAll(() => { copy = packageCopy(); });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('runs engine/dist when it is up to date, without the TypeScript sources', () => {
    // no sources to fall back on: only the build can answer
    rmSync(join(copy, 'engine', 'cli', 'main.ts'));
    rmSync(join(copy, 'engine', 'explain', 'decider.ts'));
    markBuilt(copy);
    const r = tiaoliIn(copy, ['decide', ONE_PHOTO]);
    cpBack(copy, ['engine/cli/main.ts', 'engine/explain/decider.ts']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    // art. 12, 13: one photo of two, and no ID card, address or employment proof: told at once
    expect(doc.decisions.application.outcome).toBe('notice');
    expect(doc.decisions.application.missing).toEqual(['idCard', 'photo', 'addressProof', 'employmentProof']);
  });

  it('with a source edited after the build, runs the edited source and says so', () => {
    const built = markBuilt(copy);
    const file = join(copy, 'engine', 'cli', 'decide-command.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('请给出案件文件：', '请给出案件文件（源文件已改）：'));
    utimesSync(file, new Date(built + 1000), new Date(built + 1000));
    const r = tiaoliIn(copy, ['decide']);
    cpBack(copy, ['engine/cli/decide-command.ts']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('engine/ 的源文件比 engine/dist 的构建新');
    expect(r.stderr).toContain(NOTICE);
    expect(r.stderr).toContain('请给出案件文件（源文件已改）：');
  });

  it('with a source file added after the build, does not run the build', () => {
    const built = markBuilt(copy);
    const added = join(copy, 'engine', 'core', 'added.ts');
    writeFileSync(added, 'export const added = 1;\n');
    utimesSync(join(copy, 'engine', 'core'), new Date(built + 1000), new Date(built + 1000));
    utimesSync(added, new Date(built - 1000), new Date(built - 1000)); // its own time says nothing
    const r = tiaoliIn(copy, ['decide', ONE_PHOTO]);
    rmSync(added);
    expect(r.stderr).toContain(NOTICE);
    expect(r.status).toBe(0);
  });

  it('with no build, runs the sources and says so', () => {
    rmSync(join(copy, 'engine', 'dist', 'build.json'));
    const r = tiaoliIn(copy, ['decide', ONE_PHOTO]);
    expect(r.stderr).toContain('engine/dist 尚未构建');
    expect(r.stderr).toContain(NOTICE);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).decisions.application.outcome).toBe('notice');
  });
});

function cpBack(copy: string, files: string[]): void {
  for (const f of files) writeFileSync(join(copy, f), readFileSync(join(root, f)));
}

describe('the built command uses what the build prepared', () => {
  it('the rule files are checked by the validators generated at the build, not compiled again', async () => {
    const { regulationFileSchema } = await import('../engine/model/rule-files.js');
    const { schemaHash } = await import('../engine/cli/precompiled-validators.js');
    const copy = packageCopy();
    try {
      markBuilt(copy);
      // without the built regulation, the rule files are checked; the manifest's generated validator
      // is replaced by one that refuses, naming a field only it knows
      rmSync(join(copy, 'engine', 'dist', 'regulations.json'));
      writeFileSync(join(copy, 'engine', 'dist', 'validators', `${schemaHash(JSON.stringify(regulationFileSchema))}.cjs`),
        'module.exports = () => { const v = () => { v.errors = [{ instancePath: "", schemaPath: "#/required", keyword: "required", params: { missingProperty: "fromTheBuild" } }]; return false; }; return v; };\n');
      const r = tiaoliIn(copy, ['decide', ONE_PHOTO]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/rules\/regulation\.yaml:\d+:\d+: fromTheBuild：必填/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('the built command decides as the engine does', () => {
  it.each(FIXTURES)('%s: the same decision document, reasoning included', (fixture) => {
    const r = tiaoli(['decide', fixture]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // as the command decides: under the instrument in force on the case's date (rules/instruments.yaml)
    const decider = qujingProject();
    const input = parseCase(decider.regulation, readFileSync(join(root, fixture)), fixture);
    expect(input.problems).toEqual([]);
    return decider.decide(input.case!, { trace: true }).then((doc) => expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(doc))));
  });

  it('decide --jsonl gives the same documents, line by line, a bad line named by its number', () => {
    const lines = FIXTURES.map((f) => {
      const parsed = parseCase(qujing().regulation, readFileSync(join(root, f)), f);
      return JSON.stringify({ asOf: parsed.case!.asOf, facts: parsed.case!.facts });
    });
    // CRLF line ends, a blank line and a broken line between the cases
    const r = tiaoli(['decide', '--jsonl'], `${lines[0]}\r\n\n{broken\n${lines[1]}\n${lines[2]}`);
    expect(r.status).toBe(1);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(4);
    expect(out[1].error).toMatch(/^第 3 行：不是有效的 JSON/);
    for (const [i, j] of [[0, 0], [2, 1], [3, 2]]) {
      const single = JSON.parse(tiaoli(['decide', FIXTURES[j]]).stdout);
      delete single.name;
      expect(out[i]).toEqual(single);
    }
  });
});

describe('what the build prepared is used only for the text it was made from', () => {
  let project: string;
  beforeAll(() => { project = projectCopy(); });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('a case schema edited after the build is the one enforced', () => {
    const named = join(project, 'named.yaml');
    writeFileSync(named, readFileSync(join(root, ONE_PHOTO), 'utf8').replace('  person:\n', '  person:\n    name: 欧阳明月\n'));
    expect(tiaoli(['--project', project, 'decide', named]).status).toBe(0);
    const schema = join(project, 'rules', 'case.schema.yaml');
    writeFileSync(schema, readFileSync(schema, 'utf8').replace('name: { type: string, title: 姓名, minLength: 1 }', 'name: { type: string, title: 姓名, minLength: 1, maxLength: 3 }'));
    const r = tiaoli(['--project', project, 'decide', named]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('named.yaml:');
    expect(r.stderr).toContain('facts.person.name');
  });

  it('a rule file of the package\'s own rules/ edited or added after the build is read, not the regulation built then', () => {
    const copy = packageCopy();
    try {
      markBuilt(copy);
      const parameters = join(copy, 'rules', 'parameters', 'materials.yaml');
      const text = readFileSync(parameters, 'utf8');
      writeFileSync(parameters, text.replace('    2017-10-09: 2\n', '    2017-10-09: 1\n'));
      const r = tiaoliIn(copy, ['decide', ONE_PHOTO]);
      expect(r.stderr).toBe('');
      // art. 12 as edited: one photo is enough, the rest is still missing
      expect(JSON.parse(r.stdout).decisions.application.missing).toEqual(['idCard', 'addressProof', 'employmentProof']);
      writeFileSync(parameters, text);
      // a second file defining the same parameters: the folder is checked again and refused
      writeFileSync(join(copy, 'rules', 'parameters', 'materials-again.yaml'), text);
      const again = tiaoliIn(copy, ['decide', ONE_PHOTO]);
      expect(again.status).toBe(2);
      expect(again.stderr).toMatch(/rules\/parameters\/materials\.yaml:\d+:\d+: 参数 photoCount 重复定义（另见 rules\/parameters\/materials-again\.yaml）/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('a parameter edited after the build is the one applied', () => {
    const parameters = join(project, 'rules', 'parameters', 'materials.yaml');
    writeFileSync(parameters, readFileSync(parameters, 'utf8').replace('    2017-10-09: 2\n', '    2017-10-09: 1\n'));
    const r = tiaoli(['--project', project, 'decide', join(root, ONE_PHOTO)]);
    expect(r.stderr).toBe('');
    // art. 12 as edited: one photo is enough, the rest is still missing
    expect(JSON.parse(r.stdout).decisions.application.missing).toEqual(['idCard', 'addressProof', 'employmentProof']);
  });
});

describe('decide --jsonl shares a long input with worker threads', () => {
  // the input piped, or (fromFile) the file itself as standard input, read in large chunks
  const decideLines = (threads: number, input: string, fromFile = false): { status: number | null; stdout: string; stderr: string } => {
    const scratch = mkdtempSync(join(tmpdir(), 'tiaoli-lines-'));
    const file = join(scratch, 'cases.jsonl');
    writeFileSync(file, input);
    const fd = openSync(file, 'r');
    try {
      return spawnSync(process.execPath, [join(root, 'engine', 'cli', 'bin.js'), 'decide', '--jsonl', '--brief'], {
        cwd: root, encoding: 'utf8', env: { ...process.env, TIAOLI_THREADS: String(threads) }, maxBuffer: 256 * 1024 * 1024,
        ...(fromFile ? { stdio: [fd, 'pipe', 'pipe'] } : { input }),
      });
    } finally {
      closeSync(fd);
      rmSync(scratch, { recursive: true, force: true });
    }
  };

  it('the same answers in the same order as the command alone (piped), read from a file, bad and blank lines numbered as read', () => {
    const lines = generateCases(3000, 11).map((c) => JSON.stringify(c));
    lines[4] = '{broken';
    lines[2499] = '{"asOf": "2020-02-30", "facts": {}}';
    lines[2600] = '';
    lines[2700] = `${lines[2700]}\r`;
    const input = `${lines.join('\n')}\n`;
    const alone = decideLines(0, input);
    const shared = decideLines(2, input, true);
    expect(shared.stderr).toBe('');
    expect(shared.status).toBe(1);
    expect(shared.stdout).toBe(alone.stdout);
    const out = shared.stdout.trim().split('\n').map((l) => JSON.parse(l) as { error?: string });
    expect(out).toHaveLength(2999);
    expect(out[4].error).toMatch(/^第 5 行：不是有效的 JSON/);
    expect(out[2499].error).toMatch(/^第 2500 行：/);
  });
});
