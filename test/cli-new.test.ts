// `tiaoli new DIR` (issue 19 item 6): a minimal project that passes `tiaoli lint` and
// `tiaoli test` as written, whose fixtures really test its rule; a folder that is not empty
// (or a file) is refused in Chinese and nothing in it changes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SKELETON_DIR, skeletonFiles } from '../engine/cli/new-command.js';
import { tiaoli, type Run } from './support/cli.js';
import { root } from './support/regulation.js';

const scratch = mkdtempSync(join(tmpdir(), 'tiaoli-new-'));

describe('tiaoli new DIR', () => {
  const dir = join(scratch, 'my-regulation');
  let made: Run;
  beforeAll(() => { made = tiaoli(['new', dir]); });

  it('writes the skeleton, each file as it is in engine/cli/new-project', () => {
    expect(made.stderr.replace(/^tiaoli：.*\n/m, '')).toBe('');
    expect(made.status).toBe(0);
    const files = skeletonFiles();
    expect(files).toEqual(expect.arrayContaining(['rules/regulation.yaml', 'rules/source.txt', 'rules/case.schema.yaml']));
    expect(skeletonFiles(dir)).toEqual(files);
    for (const f of files) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(SKELETON_DIR, f), 'utf8'));
    expect(made.stdout).toContain('tiaoli lint --project');
  });

  it('passes tiaoli lint and tiaoli test', () => {
    const lint = tiaoli(['lint', '--project', dir]);
    expect(lint.stdout).toMatch(/没有问题/);
    expect(lint.status).toBe(0);
    const test = tiaoli(['test', '--project', dir]);
    expect(test.stdout).toMatch(/3 passed, 0 failed/);
    expect(test.status).toBe(0);
  });

  it('is checked as itself from inside its folder: its own forms, not those of the package', () => {
    const inside = spawnSync(process.execPath, [join(root, 'engine', 'cli', 'bin.js'), 'lint'], { cwd: dir, encoding: 'utf8' });
    expect(inside.stdout).toMatch(/1 个表单.*没有问题/);
    expect(inside.status).toBe(0);
    const form = join(scratch, 'form.yaml');
    writeFileSync(form, 'acceptedOn: 2024-05-10\napplicant:\n  birthDate: 2006-05-11\n');
    const decided = tiaoli(['form', 'application', form, '--brief', '--project', dir]);
    expect(decided.status).toBe(0);
    expect(JSON.parse(decided.stdout).decisions.application.eligible).toBe(false);
  });

  it('has fixtures that fail when the parameter of its rule changes', () => {
    const copy = join(scratch, 'changed');
    expect(tiaoli(['new', copy]).status).toBe(0);
    const file = join(copy, 'rules/parameters/eligibility.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('2020-01-01: 18', '2020-01-01: 19'));
    const test = tiaoli(['test', '--project', copy]);
    expect(test.status).toBe(1);
    expect(test.stdout).toMatch(/1 passed, 2 failed/);
  });

  it('refuses a folder that is not empty, and changes nothing in it', () => {
    const taken = join(scratch, 'taken');
    mkdirSync(taken);
    writeFileSync(join(taken, 'notes.txt'), '我的笔记');
    const r = tiaoli(['new', taken]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('不是空目录（已有 notes.txt）');
    expect(r.stderr).toContain('不覆盖任何文件');
    expect(readdirSync(taken)).toEqual(['notes.txt']);
    expect(readFileSync(join(taken, 'notes.txt'), 'utf8')).toBe('我的笔记');
  });

  it('refuses a project made already: running it twice overwrites nothing', () => {
    const before = readFileSync(join(dir, 'rules/regulation.yaml'), 'utf8');
    writeFileSync(join(dir, 'rules/regulation.yaml'), `${before}# 我的修改\n`);
    const r = tiaoli(['new', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('不是空目录');
    expect(readFileSync(join(dir, 'rules/regulation.yaml'), 'utf8')).toBe(`${before}# 我的修改\n`);
  });

  it('refuses a file and an empty name', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'x');
    const r = tiaoli(['new', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('已存在，且不是目录');
    expect(readFileSync(file, 'utf8')).toBe('x');
    const empty = tiaoli(['new', '']);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain('目录不能为空');
  });

  it('makes a project in an empty folder that exists', () => {
    const emptyDir = join(scratch, 'empty');
    mkdirSync(emptyDir);
    expect(tiaoli(['new', emptyDir]).status).toBe(0);
    expect(readFileSync(join(emptyDir, 'rules/source.txt'), 'utf8')).toContain('第二条');
  });
});
