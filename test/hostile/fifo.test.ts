// FIFOs and devices where a file is expected (issue 23 item 6): `tiaoli test` hung for ever on
// a FIFO among the fixtures, and so did decide, form and print on a FIFO given as the case.
// Every reader now looks at what it opens (lstat/fstat) and refuses anything but a plain
// file, naming the path and what it is, in Chinese; lint and the studio's server list such
// a file in a project folder as a problem instead of passing over it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../engine/server/serve.js';
import { projectCopy } from '../support/project-copy.js';
import { fakeStudio, studioFetch } from '../support/studio-server.js';
import { root } from '../support/regulation.js';

const bin = join(root, 'engine', 'cli', 'bin.js');
/** `tiaoli …`, given 60 s: a reader that waits on a FIFO is killed, and the test fails on it */
const tiaoli = (args: string[], cwd = root) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, hung: r.signal !== null };
};
const fifoIn = (dir: string, name: string): string => {
  const path = join(dir, name);
  const made = spawnSync('mkfifo', [path]);
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
  return path;
};
const FIFO = /不是普通文件，而是命名管道（FIFO）：tiaoli 只读取普通文件/;

describe('a FIFO where a case is read', () => {
  it.each([
    ['decide', (f: string) => ['decide', f]],
    ['form', (f: string) => ['form', 'permit-application', f]],
    ['print', (f: string) => ['print', 'notice', f]],
    ['print --form', (f: string) => ['print', 'notice', '--form', 'permit-application', f]],
  ])('%s: refused at once, naming the path', (_, args) => {
    const fifo = fifoIn(mkdtempSync(join(tmpdir(), 'tiaoli-fifo-')), 'case.yaml');
    const r = tiaoli(args(fifo));
    expect(r.hung).toBe(false);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(fifo);
    expect(r.stderr).toMatch(FIFO);
    expect(r.stdout).toBe('');
  }, 70_000);

  it('decide /dev/zero: a character device, refused', () => {
    const r = tiaoli(['decide', '/dev/zero']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^\/dev\/zero 不是普通文件，而是字符设备/);
  }, 70_000);
});

describe('a FIFO among the project files', () => {
  it('tiaoli test: the FIFO fails alone with its message, the other fixtures run, the command ends', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tiaoli-fifo-cases-'));
    copyFileSync(join(root, 'test/cases/12-materials/only-one-photo.yaml'), join(dir, 'a.yaml'));
    const fifo = fifoIn(dir, 'b.yaml');
    const r = tiaoli(['test', dir]);
    expect(r.hung).toBe(false);
    expect(r.stdout).toMatch(/✗ .*b\.yaml/);
    expect(r.stdout).toMatch(FIFO);
    expect(r.stdout).toContain(fifo.slice(fifo.lastIndexOf('tiaoli-fifo-cases-')));
    expect(r.stdout).toMatch(/1 passed, 1 failed/);
    expect(r.status).toBe(1);
  }, 70_000);

  it('tiaoli lint: a FIFO in rules/ and a FIFO template in forms/prints/ are problems naming them', () => {
    const project = projectCopy();
    fifoIn(join(project, 'rules'), 'pipe.yaml');
    fifoIn(join(project, 'forms', 'prints'), 'pipe.hbs');
    const r = tiaoli(['lint'], project);
    expect(r.hung).toBe(false);
    expect(r.stdout + r.stderr).toMatch(/rules\/pipe\.yaml:1:1: rules\/pipe\.yaml 不是普通文件，而是命名管道（FIFO）/);
    expect(r.status).not.toBe(0);
  }, 70_000);

  it("the studio's server lists a FIFO in the project as a problem, and keeps answering", async () => {
    const project = projectCopy();
    mkdirSync(join(project, 'rules', 'extra'));
    fifoIn(join(project, 'rules', 'extra'), 'pipe.yaml');
    const server = await startServer({ root: project, port: 0, host: '127.0.0.1', studio: fakeStudio() });
    try {
      const r = await studioFetch(server, 'api/project');
      expect(r.status).toBe(200);
      expect(await r.text()).toMatch(/rules\/extra\/pipe\.yaml 不是普通文件，而是命名管道（FIFO）/);
    } finally {
      await server.close();
    }
  }, 70_000);
});
