// `tiaoli register list --unmask` shows full ID numbers on the command line: before, it wrote
// nothing anywhere, so whoever could open the database read every citizen's number unseen.
// Now it needs a viewer (--operator) and a reason (--reason), refuses without either (or with a
// hidden character in them) and shows nothing; with both, each record it shows is written to
// the same append-only access log the studio's unmasking writes (who, which system account,
// when, which record, why) before any number is decrypted — on PGlite and PostgreSQL alike.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAccessLog, type AccessLogEntry } from '../../engine/accounts/access-log.js';
import { Decider } from '../../engine/explain/decider.js';
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { openRegister } from '../../engine/register/open-register.js';
import { projectCopy } from '../support/project-copy.js';
import { root } from '../support/regulation.js';
import { backends, type Backend } from '../register/backends.js';
import { application, complete, NUMBER_FORMAT, OFFICES, onePhoto } from '../register/cases.js';

const IDS = ['510104199003070015', '510104198905050369'];

describe.each(backends)('register list --unmask on $name', (backend: Backend) => {
  let env: Record<string, string | undefined>;
  let cleanup: () => Promise<void>;
  const project = projectCopy();
  // the command's environment, and this process's when it opens the register itself (the same key: TIAOLI_REGISTER_KEY when set)
  const commandEnv = () => ({ ...process.env, DATABASE_URL: '', TIAOLI_DATA: '', ...env });
  const tiaoli = (args: string[]) => spawnSync(process.execPath, [join(root, 'engine', 'cli', 'bin.js'), '--project', project, 'register', 'list', ...args], { cwd: root, encoding: 'utf8', env: commandEnv() });
  const accessLog = async (): Promise<AccessLogEntry[]> => {
    const register = await openRegister(project, { env: commandEnv() });
    try {
      return await readAccessLog(register.db);
    } finally {
      await register.close();
    }
  };

  beforeAll(async () => {
    ({ env, cleanup } = await backend.fresh());
    writeFileSync(join(project, 'forms', 'offices.yaml'), OFFICES);
    const register = await openRegister(project, { env: commandEnv() });
    const decider = new Decider(loadRegulationOrThrow(join(project, 'rules')));
    for (const [i, id] of IDS.entries()) {
      const input = application(`申请人${i}`, id, i ? onePhoto : complete);
      await register.record({ regulation: decider.base, case: input, document: await decider.decide(input), office: { id: 'test-office', name: '测试派出所', numberPrefix: '测南', numberFormat: NUMBER_FORMAT }, operator: '王警官' });
    }
    await register.close();
  }, 120_000);
  afterAll(async () => cleanup?.());

  it.each([
    ['no reason', ['--operator', '李审核'], /^--reason：请写明查看完整信息的理由（至少 2 个字），它会记入查阅记录（tiaoli register list --unmask --operator 姓名 --reason/m],
    ['a blank reason', ['--operator', '李审核', '--reason', '  '], /^--reason：请写明查看完整信息的理由/m],
    ['no operator', ['--reason', '核对登记'], /^--operator：--unmask 显示完整的公民身份号码，要写明查看人：缺少经办人/m],
    ['an RLO in the reason', ['--operator', '李审核', '--reason', '核对\u202E登记'], /^--reason：含有不可见字符 U\+202E/m],
    ['a zero-width space in the operator', ['--operator', '李\u200B审核', '--reason', '核对登记'], /^--operator：含有不可见字符 U\+200B/m],
  ])('refuses %s and shows no number', (_, args, message) => {
    const r = tiaoli(['--unmask', ...args]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  }, 60_000);

  it('after every refusal, nothing is in the access log', async () => {
    expect(await accessLog()).toEqual([]);
  }, 60_000);

  it('with an operator and a reason: shows the full numbers, each record shown written to the access log with the system account', async () => {
    const r = tiaoli(['--unmask', '--operator', '李审核', '--reason', '复议案件核对身份', '--limit', '1', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const shown = JSON.parse(r.stdout) as Array<{ id: number; idNumber: string; documentNumber: string }>;
    expect(shown).toHaveLength(1);
    expect(IDS).toContain(shown[0]!.idNumber);
    expect(r.stderr).toMatch(/已记入查阅记录：1 条登记的完整号码由 李审核（.+@.+）查看，理由：复议案件核对身份/);
    const log = await accessLog();
    expect(log).toEqual([expect.objectContaining({
      accountId: null, accountName: '李审核', via: 'command-line', osUser: `${userInfo().username}@${hostname()}`,
      decisionId: shown[0]!.id, documentNumber: shown[0]!.documentNumber, reason: '复议案件核对身份',
    })]);

    const all = tiaoli(['--unmask', '--operator', '李审核', '--reason', '年度抽查']);
    expect(all.status).toBe(0);
    for (const id of IDS) expect(all.stdout).toContain(id);
    const after = await accessLog();
    expect(after).toHaveLength(3);
    expect(after.filter((e) => e.reason === '年度抽查').map((e) => e.decisionId).sort()).toHaveLength(2);
  }, 120_000);

  it('without --unmask the numbers stay masked and nothing is logged', async () => {
    const before = (await accessLog()).length;
    const r = tiaoli([]);
    expect(r.status).toBe(0);
    for (const id of IDS) expect(r.stdout).not.toContain(id);
    expect(await accessLog()).toHaveLength(before);
  }, 60_000);
});
