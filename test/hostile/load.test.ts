// Hostile files on disk and the studio's first load (issue 12 item 7): the server decides the
// fixtures for every visitor, so a fixture file that cannot be read or decided fails alone,
// with its problem at that file, and the server keeps answering while and after it runs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer } from '../../engine/server/serve.js';
import { projectCopy } from '../support/project-copy.js';
import { studioFetch } from '../support/studio-server.js';

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 12 }, (_, i) => {
  const [name, prev] = [String.fromCharCode(98 + i), String.fromCharCode(97 + i)];
  return `${name}: &${name} [${Array.from({ length: 9 }, () => `*${prev}`).join(', ')}]`;
})].join('\n');

let dir: string;
let server: Awaited<ReturnType<typeof startServer>>;

beforeEach(async () => {
  dir = projectCopy();
  scratch.push(dir);
  const studio = mkdtempSync(join(tmpdir(), 'tiaoli-studio-'));
  scratch.push(studio);
  writeFileSync(join(studio, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  server = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio });
});
afterEach(() => server?.close());

describe('fixtures the server decides for the first page', () => {
  it('an alias bomb, deep nesting, a case with a date that is no date and an empty file each fail alone; the rest are decided', async () => {
    writeFileSync(join(dir, 'test/cases/bomb.yaml'), bomb);
    writeFileSync(join(dir, 'test/cases/deep.yaml'), `a: ${'['.repeat(100_000)}`);
    writeFileSync(join(dir, 'test/cases/no-date.yaml'), 'name: 不是日期\nasOf: 2019-02-30\nfacts: {}\nexpect:\n  inForce.value: true\n');
    writeFileSync(join(dir, 'test/cases/empty.yaml'), '');
    await new Promise((r) => setTimeout(r, 150));
    const res = await studioFetch(server, 'api/project/fixtures');
    expect(res.status).toBe(200);
    const body = await res.json();
    const result = (file: string) => body.fixtures.find((f: { file: string }) => f.file === file);
    for (const file of ['test/cases/bomb.yaml', 'test/cases/deep.yaml', 'test/cases/no-date.yaml', 'test/cases/empty.yaml']) {
      expect(result(file), file).toMatchObject({ passed: false, error: expect.stringContaining(file) });
    }
    expect(body.fixtures.filter((f: { passed: boolean }) => f.passed).length).toBeGreaterThan(200);
    // and the server still answers, with the same snapshot
    const project = await (await studioFetch(server, 'api/project')).json();
    expect(project.snapshot).toBe(body.snapshot);
  });

  it('a stray alias bomb in rules/: its problem comes with the project, at its file, beside the rules the other files build', async () => {
    writeFileSync(join(dir, 'rules/bomb.yaml'), bomb);
    await new Promise((r) => setTimeout(r, 150));
    const project = await (await studioFetch(server, 'api/project')).json();
    // a problem in rules/ stops the studio from taking these rules: it checks the files in its worker and says where
    expect(project.problems).toContainEqual(expect.objectContaining({ code: 'yaml.aliasBomb', location: expect.objectContaining({ file: 'rules/bomb.yaml' }) }));
    expect(project.checked.regulation.articles).toHaveLength(23);
    const fixtures = await studioFetch(server, 'api/project/fixtures');
    expect(fixtures.status).toBe(200);
    expect((await fixtures.json()).snapshot).toBe(project.snapshot);
  });

  it('a query, a body or a method it does not take changes nothing', async () => {
    const plain = await (await studioFetch(server, 'api/project/fixtures')).json();
    const odd = await studioFetch(server, 'api/project/fixtures?snapshot=../../etc/passwd&__proto__[x]=1');
    expect(odd.status).toBe(200);
    expect((await odd.json()).snapshot).toBe(plain.snapshot);
    expect((await studioFetch(server, 'api/project/fixtures', { method: 'POST', body: '{"fixtures":[]}' })).status).toBe(404);
    expect((await studioFetch(server, 'api/project/fixtures', { method: 'DELETE' })).status).toBe(404);
    // without the session secret, nothing
    expect((await fetch(`${server.url}api/project/fixtures`)).status).toBe(403);
  });
});
