// The register on the command line, as a clerk and policy staff use it: `decide --record`
// stores and numbers, refuses without an operator; `register list` masks ID numbers unless
// --unmask; `register replay` after a rule change names the records that change.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectCopy } from '../support/project-copy.js';
import { root } from '../support/regulation.js';
import { backends, type Backend } from './backends.js';
import { application, complete, OFFICES, onePhoto } from './cases.js';

function tiaoli(env: Record<string, string | undefined>, args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'engine', 'cli', 'bin.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', TIAOLI_DATA: '', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.each(backends)('tiaoli register on $name', (backend: Backend) => {
  let env: Record<string, string | undefined>;
  let cleanup: () => Promise<void>;
  const project = projectCopy();
  const cases = mkdtempSync(join(tmpdir(), 'tiaoli-register-cases-'));
  const file = (name: string, input: object) => {
    const path = join(cases, name);
    writeFileSync(path, stringify(input));
    return path;
  };

  beforeAll(async () => {
    ({ env, cleanup } = await backend.fresh());
    writeFileSync(join(project, 'forms', 'offices.yaml'), OFFICES);
  });
  afterAll(async () => cleanup?.());

  it('refuses to record without an operator, naming the option, and stores nothing', () => {
    const r = tiaoli(env, ['--project', project, 'decide', '--record', '--office', 'test-office', file('a.yaml', application('张三', '510104199003070015', complete))]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--operator：缺少经办人/);
    expect(r.stdout).toBe('');
  });

  it('names an unknown office with the offices file', () => {
    const r = tiaoli(env, ['--project', project, 'decide', '--record', '--office', 'nowhere', '--operator', '李警官', file('a.yaml', application('张三', '510104199003070015', complete))]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/offices\.yaml:\d+:\d+: .*没有 id 为 "nowhere" 的办证机关；有：test-office/);
  });

  it('records decisions with their numbers, lists them masked, and replays a rule change', () => {
    const recorded = [
      application('张三', '510104199003070015', complete),
      application('李四', '510104198905050369', onePhoto),
    ].map((input, i) => tiaoli(env, ['--project', project, 'decide', '--brief', '--record', '--office', 'test-office', '--operator', '王警官', file(`${i}.yaml`, input)]));
    expect(recorded.map((r) => r.status)).toEqual([0, 0]);
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    expect(recorded.map((r) => /已登记：(\S+?)（/.exec(r.stderr)?.[1])).toEqual([`测南居〔${year}〕000001号`, `测南居〔${year}〕000002号`]);
    expect(JSON.parse(recorded[1].stdout).decisions.application).toMatchObject({ outcome: 'notice', missing: ['photo'] });
    expect(JSON.parse(recorded[1].stdout).decisions.application.because).toBeUndefined(); // --brief prints without; the register keeps it

    const list = tiaoli(env, ['--project', project, 'register', 'list']);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('5101**********0369');
    expect(list.stdout).not.toContain('510104198905050369');
    expect(list.stdout).toContain('共 2 条');
    const json = JSON.parse(tiaoli(env, ['--project', project, 'register', 'list', '--json', '--outcome', 'notice', '--unmask', '--operator', '李审核', '--reason', '核对登记']).stdout);
    expect(json).toMatchObject([{ personName: '李四', idNumber: '510104198905050369', operator: '王警官', officeId: 'test-office' }]);

    const materials = join(project, 'rules', 'parameters', 'materials.yaml');
    writeFileSync(materials, readFileSync(materials, 'utf8').replace(/(photoCount:[\s\S]*?values:\s*\n\s*2017-10-09: )2/, '$11'));
    const replayed = tiaoli(env, ['--project', project, 'register', 'replay']);
    expect(replayed.status).toBe(0);
    expect(replayed.stdout).toMatch(/重新决定台账中的 2 条登记：1 条会改变，1 条不变/);
    expect(replayed.stdout).toMatch(new RegExp(`application\\.outcome（居住证申领：受理结果）：1 条\\n.*→.*：1 条  测南居〔${year}〕000002号`));
    const summary = JSON.parse(tiaoli(env, ['--project', project, 'register', 'replay', '--json']).stdout);
    expect(summary.fields.find((f: { field: string }) => f.field === 'application.outcome').pairs).toEqual([
      { before: 'notice', after: 'issueOnSpot', count: 1, records: [`测南居〔${year}〕000002号`] },
    ]);
  }, 300_000);

  it('numbers in the offices file\'s documentNumber format, once policy staff change it', () => {
    writeFileSync(join(project, 'forms', 'offices.yaml'), OFFICES.replace('"{prefix}居〔{year}〕{seq}号"', '"{prefix}证字第{year}-{seq}号"'));
    const r = tiaoli(env, ['--project', project, 'decide', '--record', '--office', 'test-office', '--operator', '王警官', file('c.yaml', application('王五', '510104199003070015', complete))]);
    expect(r.status).toBe(0);
    // the office's third number this year, in the new format
    expect(/已登记：(\S+?)（/.exec(r.stderr)?.[1]).toBe(`测南证字第${new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()}-000003号`);
    writeFileSync(join(project, 'forms', 'offices.yaml'), OFFICES);
  }, 60_000);
});

describe('a register that cannot be reached', () => {
  it('says what is wrong with DATABASE_URL, without its password', () => {
    const project = projectCopy();
    writeFileSync(join(project, 'forms', 'offices.yaml'), OFFICES);
    const bad = tiaoli({ DATABASE_URL: 'mysql://root:secret@localhost/x' }, ['--project', project, 'register', 'list']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/DATABASE_URL 必须是 postgres:\/\//);
    const refused = tiaoli({ DATABASE_URL: 'postgres://tiaoli:secret@127.0.0.1:1/none' }, ['--project', project, 'register', 'list']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/无法连接台账的 PostgreSQL 服务器 postgres:\/\/tiaoli@127\.0\.0\.1:1\/none：连接被拒绝/);
    expect(refused.stderr).not.toContain('secret');
  }, 60_000);
});
