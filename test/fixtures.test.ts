// Every case fixture (test/cases and the shared examples) decides as its `expect:` says.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFixture } from '../engine/project/fixtures/run-fixtures.js';
import { findFixtureFiles } from '../engine/project/fixtures/find-fixtures.js';
import { qujingProject, root } from './support/regulation.js';

const shared = join(root, '..', 'shared', 'examples');
const files = findFixtureFiles([join(root, 'test', 'cases'), ...(existsSync(shared) ? [shared] : [])]);

describe('case fixtures', () => {
  it('there are at least 80 of them', () => {
    expect(files.length).toBeGreaterThanOrEqual(80);
  });
  it.each(files.map((f) => [f.slice(root.length + 1), f]))('%s', async (_name, file) => {
    // as `tiaoli test` runs them: each under the instrument in force on its date
    const result = await runFixture(qujingProject(), file.slice(root.length + 1), readFileSync(file, 'utf8'));
    expect(result.error).toBeUndefined();
    expect(result.mismatches).toEqual([]);
  });
});
