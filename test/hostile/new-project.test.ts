// `tiaoli new DIR` given hostile folders: a path through a file, a link to a folder that has
// files, a path that climbs back into one. Each is refused in one Chinese line (no stack
// trace), and nothing that was there changes.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tiaoli } from '../support/cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'tiaoli-new-hostile-'));
const taken = join(scratch, 'taken');
mkdirSync(taken);
writeFileSync(join(taken, 'regulation.yaml'), 'id: mine\n');

describe('tiaoli new DIR, hostile folders', () => {
  it('a path through a file: one line saying it cannot, nothing written', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'x');
    const r = tiaoli(['new', join(file, 'project')]);
    expect(r.status).toBe(1);
    const said = r.stderr.replace(/^tiaoli：.*\n/m, '');
    expect(said).toMatch(/^无法在 .* 中创建项目：.*（已有的文件没有改动）\n$/);
    expect(said).not.toMatch(/\s+at /);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('a link to a folder with files is refused like the folder', () => {
    const link = join(scratch, 'link');
    symlinkSync(taken, link);
    const r = tiaoli(['new', link]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('不是空目录（已有 regulation.yaml）');
    expect(readdirSync(taken)).toEqual(['regulation.yaml']);
  });

  it('a path that climbs back into a folder with files is refused', () => {
    const r = tiaoli(['new', `${scratch}/elsewhere/../taken`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('不是空目录');
    expect(readdirSync(taken)).toEqual(['regulation.yaml']);
    expect(readFileSync(join(taken, 'regulation.yaml'), 'utf8')).toBe('id: mine\n');
  });
});
