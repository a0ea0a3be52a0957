// A scratch copy of the project's rules/, forms/ and test/cases/, for tests that save files,
// with the superior project its rules/instruments.yaml names (《居住证暂行条例》's rules and forms),
// so that the copy decides cases outside the measures' term as the project does.
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SKELETON_DIR } from '../../engine/cli/new-command.js';
import { root } from './regulation.js';

export function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tiaoli-project-'));
  for (const sub of ['rules', 'forms', 'test/cases', 'projects/national-2016/rules', 'projects/national-2016/forms']) {
    mkdirSync(join(dir, sub), { recursive: true });
    cpSync(join(root, sub), join(dir, sub), { recursive: true });
  }
  return dir;
}

/**
 * A scratch project as `tiaoli new` writes it (engine/cli/new-project): one article, a few
 * parameters, one form. Checking it takes a fraction of the Qujing project's time, for tests
 * whose point is saving and locking files, whatever the rules say.
 */
export function skeletonCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tiaoli-skeleton-'));
  cpSync(SKELETON_DIR, dir, { recursive: true });
  return dir;
}
