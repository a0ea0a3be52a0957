// What the tests of the projects in projects/ share: a scratch copy of one project folder, the
// command line's verdict on it (lint finds nothing, every fixture passes), and the studio's
// server started on a copy, so that nothing it keeps lands in the repository's project folder.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../engine/server/serve.js';
import { tiaoli } from './cli.js';
import { root } from './regulation.js';
import { fakeStudio } from './studio-server.js';

/** projects/<name> in the repository. */
export function projectFolder(name: string): string {
  return join(root, 'projects', name);
}

/** A copy of a project folder in a new temporary folder, under the project's own folder name. */
export function copyOfProject(project: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), `tiaoli-${basename(project)}-`)), basename(project));
  cpSync(project, dir, { recursive: true });
  return dir;
}

/** `tiaoli lint` finds no problem (its summary names `mentions`), and every fixture passes. */
export function describeLintAndFixtures(project: string, mentions: readonly string[]): void {
  describe(`the ${basename(project)} project on the command line`, () => {
    it('lint finds no problem in its rules, forms and fixtures', () => {
      const r = tiaoli(['lint', '--project', project]);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      for (const words of mentions) expect(r.stdout).toContain(words);
      expect(r.stdout).toMatch(/没有问题/);
    });

    it('its fixtures pass', () => {
      const r = tiaoli(['test', '--project', project]);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const m = /(\d+) passed, 0 failed/.exec(r.stdout);
      expect(m, r.stdout).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThanOrEqual(9);
    });
  });
}

export type StudioServer = Awaited<ReturnType<typeof startServer>>;

/** The studio's server on a copy of the project for the tests of this describe block. */
export function serveCopyOf(project: string): () => StudioServer {
  let server: StudioServer | undefined;
  beforeAll(async () => {
    server = await startServer({ root: copyOfProject(project), port: 0, host: '127.0.0.1', studio: fakeStudio() });
  });
  afterAll(() => server?.close());
  return () => {
    if (!server) throw new Error('the server has not started');
    return server;
  };
}
