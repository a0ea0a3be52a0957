// The LAN access token kept out of `ps` (issue 23 item 4): `tiaoli serve --token-file FILE`
// (or TIAOLI_TOKEN) instead of --token on the command line, where every user of the machine
// can read it; --token still works, with a warning, and the process's title no longer shows it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenOption } from '../../engine/cli/serve-command.js';
import { serveProcess } from '../support/serve-process.js';
import { projectCopy } from '../support/project-copy.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'tiaoli-token-'));
const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8');

describe('--token-file', () => {
  it('reads the token from a plain file, trimmed; refuses an empty one, a FIFO, a missing file, and both options', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'token'), 'Zq3-lan-token-4f9\n');
    expect(tokenOption({ tokenFile: join(dir, 'token') })).toEqual({ token: 'Zq3-lan-token-4f9' });
    writeFileSync(join(dir, 'empty'), '\n');
    expect(tokenOption({ tokenFile: join(dir, 'empty') }).problem).toBe(`--token-file：${join(dir, 'empty')} 是空的，访问令牌不能为空`);
    expect(tokenOption({ tokenFile: join(dir, 'none') }).problem).toBe(`--token-file：无法读取访问令牌：${join(dir, 'none')} 不存在`);
    expect(tokenOption({ token: 'a', tokenFile: join(dir, 'token') }).problem).toBe('--token 与 --token-file 只能给一个');
    const fifo = join(dir, 'fifo');
    spawnSync('mkfifo', [fifo]);
    if (existsSync(fifo)) expect(tokenOption({ tokenFile: fifo }).problem).toMatch(/^--token-file：无法读取访问令牌：.*fifo 不是普通文件，而是命名管道（FIFO）/);
    expect(tokenOption({}, { TIAOLI_TOKEN: 'from-env' })).toEqual({ token: 'from-env' });
    expect(tokenOption({ token: 'on-argv' }).warning).toMatch(/--token 写在命令行上.*ps.*--token-file/);
  });

  it('tiaoli serve --token-file: the server wants that token, and ps never shows it', async () => {
    const dir = tmp();
    const token = 'file-token-7c1d93';
    writeFileSync(join(dir, 'token'), `${token}\n`);
    const served = await serveProcess(['--root', projectCopy(), '--token-file', join(dir, 'token')]);
    try {
      expect(served.output()).toContain(`?token=${token}`);
      expect(cmdline(served.child.pid!)).not.toContain(token);
      expect((await fetch(`${served.url}api/project`)).status).toBe(401);
      expect(served.output()).not.toMatch(/注意：--token/);
    } finally {
      await served.stop();
    }
  }, 60_000);

  it('tiaoli serve --token: a warning, and the token is gone from the process title once read', async () => {
    const token = 'argv-token-52aa10';
    const served = await serveProcess(['--root', projectCopy(), '--token', token]);
    try {
      expect(served.output()).toMatch(/注意：--token 写在命令行上，本机的其他用户可以在进程列表（ps）里看到它/);
      expect(cmdline(served.child.pid!)).not.toContain(token);
    } finally {
      await served.stop();
    }
  }, 60_000);
});
