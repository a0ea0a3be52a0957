// `--project DIR` given something that is not a project: each is named, in Chinese, with
// no stack trace, and nothing runs. A project under a path with spaces and Chinese
// characters works like any other.
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tiaoli } from '../support/cli.js';
import { projectCopy } from '../support/project-copy.js';

const scratch = mkdtempSync(join(tmpdir(), 'tiaoli-hostile-project-'));
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at [^\n]*:\d+:\d+/);

describe('--project given what is not a project folder', () => {
  it('a file, an empty string, a missing folder: named; exit 1', () => {
    const file = join(scratch, 'a-file.yaml');
    writeFileSync(file, 'title: x\n');
    const cases: Array<[string, string]> = [
      [file, `项目目录不是一个目录：${file}`],
      ['', '项目目录不能为空'],
      ['   ', '项目目录不能为空'],
      [join(scratch, 'missing'), `找不到项目目录：${join(scratch, 'missing')}`],
    ];
    for (const [project, message] of cases) {
      const r = tiaoli(['--project', project, 'lint']);
      expect(r.status, JSON.stringify(project)).toBe(1);
      expect(r.stderr).toContain(message);
      noStack(r.stderr);
      expect(r.stdout).toBe('');
    }
  });

  it('a folder whose rules/regulation.yaml is itself a folder: located problem, not a crash', () => {
    const project = join(scratch, 'manifest-is-a-folder');
    mkdirSync(join(project, 'rules', 'regulation.yaml'), { recursive: true });
    const r = tiaoli(['--project', project, 'lint']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/rules\/regulation\.yaml:1:1: .*\[load\.noManifest\]/);
    noStack(r.stdout + r.stderr);
    const d = tiaoli(['--project', project, 'test']);
    expect(d.status).toBe(2);
    noStack(d.stderr);
  });

  it('a folder with no rules/ at all: says so for lint, test, coverage, decide, form and print', () => {
    const project = join(scratch, 'no-rules');
    mkdirSync(project);
    for (const command of [['lint'], ['test'], ['coverage'], ['decide', 'x.yaml'], ['form', 'permit-application', 'x.yaml'], ['print', 'notice', 'x.yaml']]) {
      const r = tiaoli(['--project', project, ...command]);
      expect(r.status, command.join(' ')).not.toBe(0);
      expect(r.stderr, command.join(' ')).toMatch(/没有 regulation\.yaml|没有 notice 这种打印件/);
      noStack(r.stderr);
    }
  });

  it('a project under a path with spaces and Chinese characters runs its fixtures', () => {
    const copy = projectCopy();
    const moved = join(scratch, '项目 目录 (副本)');
    renameSync(copy, moved);
    const r = tiaoli(['--project', moved, 'test']);
    expect(r.status, r.stdout.slice(-400)).toBe(0);
    expect(r.stdout).toMatch(/\d+ passed, 0 failed/);
  });
});
