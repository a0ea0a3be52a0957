// A scratch copy of the project's rules/, forms/ and test/cases/, for tests that save files.
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './regulation.js';

export function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tiaoli-project-'));
  for (const sub of ['rules', 'forms', 'test/cases']) {
    mkdirSync(join(dir, sub), { recursive: true });
    cpSync(join(root, sub), join(dir, sub), { recursive: true });
  }
  return dir;
}
