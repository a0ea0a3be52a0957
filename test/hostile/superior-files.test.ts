// GET /api/project/superiors sends the superior instruments' projects that rules/instruments.yaml
// names (read-only). instruments.yaml is editable from the studio: a `project:` that leads out of
// the served project — up through `..`, or through a link inside it — is never read or sent.
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegulationOrThrow } from '../../engine/model/load-regulation.js';
import { readSuperiorFiles } from '../../engine/server/superior-files.js';
import { projectCopy } from '../support/project-copy.js';

const root = projectCopy();
const regulation = loadRegulationOrThrow(join(root, 'rules'));
const instruments = readFileSync(join(root, 'rules', 'instruments.yaml'), 'utf8');
const naming = (project: string) => instruments.replace('project: projects/national-2016', `project: ${project}`);

describe('the superior projects sent to the studio', () => {
  it('sends the one instruments.yaml names inside the project: its rules and print templates, not its population', () => {
    const [sent] = readSuperiorFiles(root, instruments, regulation);
    expect(sent.id).toBe('national-2016');
    expect(Object.keys(sent.files)).toContain('rules/regulation.yaml');
    expect(Object.keys(sent.files)).toContain('forms/offices.yaml');
    expect(Object.keys(sent.files).some((p) => p.startsWith('rules/population/'))).toBe(false);
  });

  it('reads nothing outside the served project, by .. or by a link', () => {
    const outside = mkdtempSync(join(tmpdir(), 'tiaoli-outside-'));
    cpSync(join(root, 'projects', 'national-2016'), outside, { recursive: true });
    writeFileSync(join(outside, 'rules', 'secret.yaml'), 'password: x\n');
    const up = `../${outside.slice(dirname(root).length + 1)}`;
    expect(readSuperiorFiles(root, naming(up), regulation)).toEqual([]);
    symlinkSync(outside, join(root, 'projects', 'linked'));
    expect(readSuperiorFiles(root, naming('projects/linked'), regulation)).toEqual([]);
    // a project that is not there is simply not sent (the studio says the instrument is unavailable)
    expect(readSuperiorFiles(root, naming('projects/missing'), regulation)).toEqual([]);
  });
});
