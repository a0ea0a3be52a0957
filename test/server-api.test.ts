// The studio's API: saving never loses work. It validates before it writes, writes
// atomically, refuses to overwrite a file changed on disk, and keeps running on bad input.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../engine/server/serve.js';
import { versionOf } from '../engine/server/project-files.js';
import { root } from './support/regulation.js';
import { fakeStudio, scratchServer, studioFetch } from './support/studio-server.js';

const FILE = 'rules/parameters/in-force.yaml';
const scratch = scratchServer();

async function put(path: string, text: string, baseVersion: string | null) {
  const res = await studioFetch(scratch.server, `api/files?path=${encodeURIComponent(path)}`, { method: 'PUT', body: JSON.stringify({ text, baseVersion }) });
  return { status: res.status, body: await res.json() };
}

describe('the studio API', () => {
  it('lists the project files with versions and the ruleset', async () => {
    const res = await studioFetch(scratch.server, 'api/project');
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.files[FILE].version).toBe(versionOf(readFileSync(join(scratch.dir, FILE), 'utf8')));
    expect(body.ruleset).toMatch(/^[0-9a-f]{16}$/);
    expect(Object.keys(body.files).filter((p) => p.startsWith('test/cases/')).length).toBeGreaterThanOrEqual(80);
  });

  it('saves a valid change, and the ruleset hash changes', async () => {
    const before = (await (await studioFetch(scratch.server, 'api/project')).json()).ruleset;
    const text = readFileSync(join(scratch.dir, FILE), 'utf8');
    const changed = text.replace('2017-10-09: 2022-10-08', '2017-10-09: 2027-10-08');
    const r = await put(FILE, changed, versionOf(text));
    expect(r.status).toBe(200);
    expect(readFileSync(join(scratch.dir, FILE), 'utf8')).toBe(changed);
    expect(r.body.ruleset).not.toBe(before);
  });

  it('refuses an invalid rule with its problems at file:line:column, and leaves the file as it was', async () => {
    const text = readFileSync(join(scratch.dir, 'rules/articles/23-in-force.yaml'), 'utf8');
    const r = await put('rules/articles/23-in-force.yaml', text.replace('params.inForceUntil', 'params.inForceTill'), versionOf(text));
    expect(r.status).toBe(422);
    expect(r.body.problems[0]).toMatchObject({ code: 'ref.unknownParameter', location: { file: 'rules/articles/23-in-force.yaml' } });
    expect(r.body.problems[0].location.line).toBeGreaterThan(1);
    expect(readFileSync(join(scratch.dir, 'rules/articles/23-in-force.yaml'), 'utf8')).toBe(text);
  });

  it('refuses to overwrite a file that changed on disk since it was loaded, and says what is there now', async () => {
    const loaded = readFileSync(join(scratch.dir, FILE), 'utf8');
    const onDisk = `${loaded}# edited elsewhere\n`;
    writeFileSync(join(scratch.dir, FILE), onDisk);
    const r = await put(FILE, loaded.replace('label: 施行之日', 'label: 施行日期'), versionOf(loaded));
    expect(r.status).toBe(409);
    expect(r.body.current.text).toBe(onDisk);
    expect(readFileSync(join(scratch.dir, FILE), 'utf8')).toBe(onDisk);
  });

  it('refuses paths outside rules/, forms/ and test/cases/, and malformed requests, and keeps running', async () => {
    expect((await put('../package.json', '{}', null)).status).toBe(400);
    expect((await put('rules/../../etc/x.yaml', 'a: 1', null)).status).toBe(400);
    const bad = await studioFetch(scratch.server, 'api/files?path=rules/x.yaml', { method: 'PUT', body: '{not json' });
    expect(bad.status).toBe(400);
    expect((await studioFetch(scratch.server, 'api/project')).status).toBe(200);
  });

  it('creates a new fixture only where none exists', async () => {
    const text = readFileSync(join(root, 'test/cases/13-application/complete-materials-issue-on-spot.yaml'), 'utf8');
    expect((await put('test/cases/13-application/a-new-one.yaml', text, null)).status).toBe(200);
    expect((await put('test/cases/13-application/a-new-one.yaml', text, null)).status).toBe(409);
  });
});

describe('the studio page', () => {
  it('carries this start\'s session secret, which the API wants on every request', async () => {
    const html = await (await fetch(scratch.server.url)).text();
    expect(html).toContain(`<meta name="tiaoli-session" content="${scratch.server.session}" />`);
    expect((await fetch(`${scratch.server.url}api/project`)).status).toBe(403);
    expect((await studioFetch(scratch.server, 'api/project', { headers: { 'x-tiaoli-session': 'guessed' } })).status).toBe(403);
  });

  it('the compute-only routes answer as before', async () => {
    const check = await studioFetch(scratch.server, 'api/check', { method: 'POST', body: JSON.stringify({ files: {} }) });
    expect(check.status).toBe(200);
    expect(Array.isArray((await check.json()).problems)).toBe(true);
    const run = await studioFetch(scratch.server, 'api/fixtures/run', { method: 'POST', body: '{}' });
    const ran = await run.json();
    expect(run.status).toBe(200);
    expect(ran.passed + ran.failed).toBeGreaterThanOrEqual(80);
    const decided = await studioFetch(scratch.server, 'api/decide', {
      method: 'POST',
      body: JSON.stringify({ case: { asOf: '2019-09-16', facts: { person: { idNumber: '510104198806210574' } } } }),
    });
    expect(decided.status).toBe(200);
    expect((await decided.json()).decisions.inForce.value).toBe(true);
  });
});

describe('with a token', () => {
  it('demands it, besides the session secret', async () => {
    const other = await startServer({ root: scratch.dir, port: 0, host: '127.0.0.1', studio: fakeStudio(), token: 'secret-token' });
    try {
      expect((await fetch(`${other.url}api/project`)).status).toBe(401);
      expect((await studioFetch({ ...other, token: 'wrong-token' }, 'api/project')).status).toBe(401);
      expect((await studioFetch({ ...other, token: undefined }, 'api/project', { headers: { authorization: 'Bearer secret-token' } })).status).toBe(200);
      expect((await fetch(`${other.url}api/project`, { headers: { authorization: 'Bearer secret-token' } })).status).toBe(403);
    } finally {
      await other.close();
    }
  });
});
