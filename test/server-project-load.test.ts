// What the studio's first page loads (issue 12 item 7): the server sends the rules and forms
// it checked with the project, and decides every fixture once per snapshot, so the browser
// checks nothing before showing 条文 or the counter. The fixtures' results name the files
// they were decided from: results of other files are never taken for these.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProject } from '../engine/project/check-project.js';
import { chinaToday } from '../engine/core/dates/china-today.js';
import { scratchServer, studioFetch } from './support/studio-server.js';

const scratch = scratchServer();

const get = async (path: string) => {
  const res = await studioFetch(scratch.server, path);
  return { status: res.status, body: await res.json() };
};

/** Every file of the scratch copy below a folder, path → text. */
function filesUnder(sub: string, out: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(join(scratch.dir, sub))) {
    const path = `${sub}/${name}`;
    if (statSync(join(scratch.dir, path)).isDirectory()) filesUnder(path, out);
    else out[path] = readFileSync(join(scratch.dir, path), 'utf8');
  }
  return out;
}

const fixtureFiles = () => Object.keys(filesUnder('test/cases')).filter((p) => /\.ya?ml$/.test(p)).sort();

describe('GET /api/project: the checked rules and forms come with the files', () => {
  it('carries the regulation as the project check builds it, its 23 articles, and the counter forms without their parsed sources', async () => {
    const { status, body } = await get('api/project');
    expect(status).toBe(200);
    // the regulation's own text has 23 articles (第一条 … 第二十三条)
    expect(body.checked.regulation.articles).toHaveLength(23);
    expect(body.checked.regulation.title).toBe(body.title);
    const files = { ...filesUnder('rules'), ...filesUnder('forms'), ...filesUnder('test/cases') };
    const check = checkProject(files, chinaToday());
    expect(body.checked.regulation).toEqual(JSON.parse(JSON.stringify(check.regulation)));
    const formNames = readdirSync(join(scratch.dir, 'forms')).filter((n) => statSync(join(scratch.dir, 'forms', n)).isDirectory() && readdirSync(join(scratch.dir, 'forms', n)).includes('form.yaml'));
    expect(Object.keys(body.checked.forms.forms).sort()).toEqual(formNames.sort());
    for (const form of Object.values(body.checked.forms.forms) as Array<Record<string, unknown>>) {
      expect(form).not.toHaveProperty('sources');
      expect(form.schemaTemplate).toBeTypeOf('object');
    }
    expect(body.checked.offices.map(([id]: [string]) => id)).toEqual([...check.offices!.keys()]);
    expect(body.snapshot).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('GET /api/project/fixtures: every fixture decided once per snapshot', () => {
  it('one result per fixture file, named by the same snapshot as the files, as POST /api/fixtures/run judges them', async () => {
    const project = await get('api/project');
    const { status, body } = await get('api/project/fixtures');
    expect(status).toBe(200);
    expect(body.snapshot).toBe(project.body.snapshot);
    expect(body.fixtures.map((f: { file: string }) => f.file).sort()).toEqual(fixtureFiles());
    const run = await (await studioFetch(scratch.server, 'api/fixtures/run', { method: 'POST', body: '{}' })).json();
    const passed = new Map(run.results.map((r: { file: string; passed: boolean }) => [r.file, r.passed]));
    for (const f of body.fixtures) expect(f.passed, f.file).toBe(passed.get(f.file));
    // of the trace, only which rules fired (what 条文's coverage reads): not the whole explanation
    const fired = body.fixtures.flatMap((f: any) => Object.values(f.document?.decisions ?? {}).flatMap((d: any) => d.because));
    expect(fired.length).toBeGreaterThan(100);
    for (const step of fired) expect(step).toMatchObject({ result: 'fired', rule: expect.any(String), text: '' });
  });

  it('after a fixture changes on disk, the snapshot has another name and the results follow the file', async () => {
    const file = 'test/cases/23-in-force/day-after-expiry-2022-10-09-not-in-force.yaml';
    const before = await get('api/project/fixtures');
    expect(before.body.fixtures.find((f: { file: string }) => f.file === file).passed).toBe(true);
    // 第二十三条: on 2022-10-09 the measures are no longer in force; expecting "in force" must fail
    writeFileSync(join(scratch.dir, file), readFileSync(join(scratch.dir, file), 'utf8').replace('inForce.value: false', 'inForce.value: true'));
    await new Promise((r) => setTimeout(r, 150)); // the store looks at the disk at most ten times a second
    const project = await get('api/project');
    const after = await get('api/project/fixtures');
    expect(project.body.snapshot).not.toBe(before.body.snapshot);
    expect(after.body.snapshot).toBe(project.body.snapshot);
    const result = after.body.fixtures.find((f: { file: string }) => f.file === file);
    expect(result.passed).toBe(false);
    expect(result.mismatches).toEqual([expect.objectContaining({ path: 'inForce.value', expected: true, actual: false })]);
  });
});
