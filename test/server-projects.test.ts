// The projects beside the served one (issue 19: pick a project on the studio's start page):
// each projects/<id> with rules/regulation.yaml is served at /p/<id>/ with its own rules,
// fixtures and register; GET api/projects lists them for the header's picker.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startServer } from '../engine/server/serve.js';
import { projectCopy } from './support/project-copy.js';
import { fakeStudio, httpRequest, studioFetch } from './support/studio-server.js';
import { root } from './support/regulation.js';

let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  server = await startServer({ root: projectCopy(), port: 0, host: '127.0.0.1', studio: fakeStudio() });
});
afterAll(() => server?.close());

describe('projects served beside the measures', () => {
  it('api/projects lists the measures at / and the national 条例 at /p/national-2016/, each naming itself current', async () => {
    const here = await (await studioFetch(server, 'api/projects')).json();
    expect(here).toEqual({
      current: '',
      projects: [
        { id: '', title: '曲靖市居住证管理实施办法', href: '/' },
        { id: 'national-2016', title: '居住证暂行条例', href: '/p/national-2016/' },
      ],
    });
    const there = await (await studioFetch(server, 'p/national-2016/api/projects')).json();
    expect(there.current).toBe('national-2016');
    expect(there.projects).toEqual(here.projects);
  });

  it('the national 条例\'s own rules, pages and decisions at /p/national-2016/', async () => {
    const project = await (await studioFetch(server, 'p/national-2016/api/project')).json();
    expect(project.title).toBe('居住证暂行条例');
    expect((await (await studioFetch(server, 'api/project')).json()).title).toBe('曲靖市居住证管理实施办法');
    // the studio's page and its assets, by the relative paths the page uses
    const page = await fetch(`${server.url}p/national-2016/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('tiaoli-session');
    expect((await fetch(`${server.url}p/national-2016/assets/app.js`)).status).toBe(200);
    // /p/national-2016 alone goes to the folder, so relative paths resolve inside it
    const bare = await httpRequest(server.url, { path: '/p/national-2016?x=1' });
    expect(bare.status).toBe(308);
    expect(bare.headers.location).toBe('/p/national-2016/?x=1');
    // a case of the 条例 decided by its own rules: accepted, the last day to issue worked out
    const file = join(root, 'projects/national-2016/test/cases/00-dev/01-accept-issue-by-after-national-day.yaml');
    const { expect: expected, ...input } = parse(readFileSync(file, 'utf8'));
    const decided = await (await studioFetch(server, 'p/national-2016/api/decide', { method: 'POST', body: JSON.stringify({ case: input }) })).json();
    expect(decided.decisions.application.outcome).toBe(expected['application.outcome']);
    expect(decided.decisions.application.issueBy).toBe(expected['application.issueBy']);
  });

  it('the national 条例 keeps a register of its own: a decision recorded there is numbered there, not in the measures\' register', async () => {
    const file = join(root, 'projects/national-2016/test/cases/00-dev/01-accept-issue-by-after-national-day.yaml');
    const { expect: _expected, ...input } = parse(readFileSync(file, 'utf8'));
    const stored = await studioFetch(server, 'p/national-2016/api/register/decisions', { method: 'POST', body: JSON.stringify({ case: input, officeId: 'qilin-nanning', operator: '王窗口' }) });
    expect(stored.status, await stored.clone().text()).toBe(201);
    const entry = await stored.json();
    expect(entry.documentNumber).toMatch(/号$/);
    const there = await (await studioFetch(server, 'p/national-2016/api/register/search', { method: 'POST', body: '{}' })).json();
    const here = await (await studioFetch(server, 'api/register/search', { method: 'POST', body: '{}' })).json();
    expect(JSON.stringify(there)).toContain(entry.documentNumber);
    expect(JSON.stringify(here)).not.toContain(entry.documentNumber);
  }, 120_000);

  it('an id that is not a project, or not an id, is never a way out of the mounts', async () => {
    for (const path of ['/p/unknown/api/project', '/p/NATIONAL-2016/api/project', '/p/national-2016/../../api/files?path=../../etc/passwd', '/p/%2e%2e/api/project', '/p//api/project']) {
      const r = await httpRequest(server.url, { path, headers: { 'x-tiaoli-session': server.session } });
      // answered by the measures' own app (its 404 or its page), never by a project outside projects/
      if (r.status === 200 && r.headers['content-type']?.toString().includes('json')) expect(JSON.parse(r.body).title, path).toBe('曲靖市居住证管理实施办法');
      else expect([200, 400, 403, 404], path).toContain(r.status);
    }
    // without the session secret, a mounted project's API answers nothing
    expect((await fetch(`${server.url}p/national-2016/api/project`)).status).toBe(403);
  });
});
