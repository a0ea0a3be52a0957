// The embedded register has one owner. While `tiaoli serve` runs, the command line's register
// commands go through it (its note in the data folder); a command that must own the register
// (purge, rotate-key) is refused, saying why. With no server, a command owns the register
// itself — and when another process owns it, waits, saying so, then names it. Purge deletes
// records past the retention periods of rules/parameters/personal-data.yaml, only with --yes;
// rotate-key seals every record again under a new key, and they are still found by ID number.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { openRegister, RegisterAccess } from '../../engine/register/open-register.js';
import { startServer } from '../../engine/server/serve.js';
import { projectCopy } from '../support/project-copy.js';
import { qujing, root } from '../support/regulation.js';
import { fakeStudio } from '../support/studio-server.js';
import { backends } from './backends.js';
import { application, complete, NUMBER_FORMAT, OFFICES, onePhoto } from './cases.js';

const office = { id: 'test-office', name: '测试派出所', numberPrefix: '测南', numberFormat: NUMBER_FORMAT };

/** The command line in a child process, not waited for synchronously: the server it goes through runs in this process. */
function tiaoli(env: Record<string, string | undefined>, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(root, 'engine', 'cli', 'bin.js'), ...args], { cwd: root, env: { ...process.env, DATABASE_URL: '', TIAOLI_REGISTER_KEY: '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

describe('one owner of the embedded register', () => {
  const project = projectCopy();
  writeFileSync(join(project, 'forms', 'offices.yaml'), OFFICES);
  const caseFile = join(mkdtempSync(join(tmpdir(), 'tiaoli-owner-cases-')), 'a.yaml');
  writeFileSync(caseFile, stringify(application('张三', '510104199003070015', complete)));

  it('goes through the running server: records and lists (masked); --unmask, purge and rotate-key are refused, saying why', async () => {
    const { env, cleanup } = await backends[0]!.fresh();
    const server = await startServer({ root: project, port: 0, host: '127.0.0.1', studio: fakeStudio(), dataFolder: env.TIAOLI_DATA, register: new RegisterAccess(() => openRegister(project, { env })) });
    try {
      expect(statSync(join(env.TIAOLI_DATA!, 'server.json')).mode & 0o777).toBe(0o600);
      const recorded = await tiaoli(env, ['--project', project, 'decide', '--brief', '--record', '--office', 'test-office', '--operator', '王警官', caseFile]);
      expect(recorded.stderr).toMatch(/已登记：测南居〔\d{4}〕000001号/);
      expect(recorded.status).toBe(0);
      const list = await tiaoli(env, ['--project', project, 'register', 'list']);
      expect(list.status).toBe(0);
      expect(list.stdout).toContain('5101**********0015');
      expect(list.stdout).toContain('共 1 条');
      const unmask = await tiaoli(env, ['--project', project, 'register', 'list', '--unmask', '--operator', '李审核', '--reason', '核对登记']);
      expect(unmask.status).toBe(1);
      expect(unmask.stderr).toMatch(/--unmask：台账由正在运行的 tiaoli serve（进程 \d+）打开/);
      expect(unmask.stdout).not.toContain('510104199003070015');
      for (const command of ['purge', 'rotate-key']) {
        const refused = await tiaoli(env, ['--project', project, 'register', command]);
        expect(refused.status).toBe(1);
        expect(refused.stderr).toMatch(new RegExp(`tiaoli register ${command} 要独自打开台账，而正在运行的 tiaoli serve（进程 \\d+）打开着它`));
      }
    } finally {
      await server.close();
    }
    // the server gone, its note is gone: the command opens the register itself
    expect(() => statSync(join(env.TIAOLI_DATA!, 'server.json'))).toThrow();
    expect((await tiaoli(env, ['--project', project, 'register', 'list', '--unmask', '--operator', '李审核', '--reason', '核对登记'])).stdout).toContain('510104199003070015');
    await cleanup();
  }, 180_000);

  it('waits for another process that owns it, saying so, then names it', async () => {
    const { env, cleanup } = await backends[0]!.fresh();
    const held = await openRegister(project, { env });
    try {
      const r = await tiaoli({ ...env, TIAOLI_REGISTER_WAIT: '1' }, ['--project', project, 'register', 'list']);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`台账正由进程 ${process.pid}（.*）使用，等待它结束`));
      expect(r.stderr).toMatch(new RegExp(`正被另一个进程使用：进程 ${process.pid}`));
    } finally {
      await held.close();
      await cleanup();
    }
  }, 60_000);

  it('purges only records past their retention period, only with --yes; rotate-key keeps every record readable and findable', async () => {
    const { env, cleanup } = await backends[0]!.fresh();
    const register = await openRegister(project, { env });
    const store = async (name: string, id: string, materials: Record<string, number>, at: Date) => {
      const input = application(name, id, materials);
      return register.record({ regulation: qujing().base, case: input, document: await qujing().decide(input), office, operator: '李警官', at, requestId: `purge-${Buffer.from(name).toString("hex")}` });
    };
    const now = Date.now();
    await store('旧申领', '510104199003070015', complete, new Date(now - 11 * 366 * 86_400_000)); // application: kept 10 years
    await store('近申领', '510104198905050369', complete, new Date(now - 9 * 365 * 86_400_000));
    await store('旧告知', '510104198905050369', onePhoto, new Date(now - 11 * 366 * 86_400_000)); // a notice: still an application
    await register.close();
    try {
      const dry = await tiaoli(env, ['--project', project, 'register', 'purge']);
      expect(dry.status).toBe(0);
      expect(dry.stdout).toMatch(/居住证申领（application）：共 3 条，保存 10 年（retentionApplication），\d{4}-\d{2}-\d{2} 之前作出的已到期：2 条/);
      expect(dry.stdout).toMatch(/共 2 条到期；这是预览，没有删除任何记录/);
      expect((await tiaoli(env, ['--project', project, 'register', 'list'])).stdout).toContain('共 3 条');
      const purged = await tiaoli(env, ['--project', project, 'register', 'purge', '--yes']);
      expect(purged.stdout).toContain('已删除 2 条到期记录');
      const left = JSON.parse((await tiaoli(env, ['--project', project, 'register', 'list', '--json'])).stdout);
      expect(left.map((e: { personName: string }) => e.personName)).toEqual(['近申领']);

      const keyFile = join(env.TIAOLI_DATA!, 'register.key');
      const before = readFileSync(keyFile, 'utf8');
      const rotated = await tiaoli(env, ['--project', project, 'register', 'rotate-key']);
      expect(rotated.status).toBe(0);
      expect(rotated.stderr).toMatch(/已换用新密钥 [0-9a-f]{16}，重新加密 1 条记录/);
      expect(readFileSync(keyFile, 'utf8')).not.toBe(before);
      expect(JSON.parse(readFileSync(keyFile, 'utf8')).previous).toEqual([]);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const found = JSON.parse((await tiaoli(env, ['--project', project, 'register', 'list', '--json', '--unmask', '--operator', '李审核', '--reason', '核对登记', '--id', '510104198905050369'])).stdout);
      expect(found).toMatchObject([{ personName: '近申领', idNumber: '510104198905050369' }]);
      // with the old key back, the records cannot be read, and the register says which key it needs
      writeFileSync(keyFile, before);
      const wrongKey = await tiaoli(env, ['--project', project, 'register', 'list']);
      expect(wrongKey.status).toBe(1);
      expect(wrongKey.stderr).toMatch(/台账中有用另一把密钥（id [0-9a-f]{16}）加密的记录/);
    } finally {
      await cleanup();
    }
  }, 180_000);
});
