// A web page on another origin, in Chromium, against the studio on loopback (issue 7 item 2):
// it tries to read the project and to overwrite a rule with fetch() GET/POST/PUT, a plain
// HTML form, and an <img> of /%; and a DNS name re-pointed at 127.0.0.1 (rebinding) tries
// to load the studio as its own. None of it reads or writes anything; the server keeps answering.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer } from '../../engine/server/serve.js';
import { versionOf } from '../../engine/server/project-files.js';
import { launchChromium } from '../support/browser.js';
import { root } from '../support/regulation.js';
import { changedPaths, fingerprint, nestedProjectCopy, studioFetch } from '../support/studio-server.js';

const AGENT = 'rules/parameters/agent.yaml';

let browser: Browser;
let dir: string;
let studio: Awaited<ReturnType<typeof startServer>>;
let attacker: Server;
let attackerUrl: string;

/** The attacker's page: every way a page can reach another origin without its consent. */
function attackPage(target: string, path: string, body: string): string {
  const json = JSON.stringify;
  // <form enctype="text/plain"> sends `name=value`: split the JSON so that the `=` lands in a string
  const formName = `${body.slice(0, -1)},"x":"`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>elsewhere</title></head><body>
<iframe name="sink" id="sink"></iframe>
<form id="form" method="POST" enctype="text/plain" target="sink" action=${json(`${target}api/files?path=${path}`)}>
  <input name=${json(formName)} value='"}'>
</form>
<form id="urlencoded" method="POST" target="sink" action=${json(`${target}api/files?path=${path}`)}>
  <input name="text" value="x"><input name="baseVersion" value="y">
</form>
<script>
const S = ${json(target)}, FILE = ${json(`${target}api/files?path=${path}`)}, BODY = ${json(body)};
const results = {};
async function attempt(name, work) {
  try { results[name] = await work(); } catch (e) { results[name] = 'blocked: ' + e.name; }
}
const read = async (r) => 'read ' + r.status + ' ' + (await r.text()).slice(0, 200);
const submitted = (id) => new Promise((done) => {
  const sink = document.getElementById('sink');
  const timer = setTimeout(() => done('sent'), 3000);
  sink.onload = () => { clearTimeout(timer); done('sent'); };
  document.getElementById(id).submit();
});
const image = (src) => new Promise((done) => { const i = new Image(); i.onload = () => done('loaded'); i.onerror = () => done('error'); i.src = src; });
window.attack = async () => {
  await attempt('GET /api/project', async () => read(await fetch(S + 'api/project')));
  await attempt('GET / (the page with the secret)', async () => read(await fetch(S)));
  await attempt('GET /api/project no-cors', async () => { const r = await fetch(S + 'api/project', { mode: 'no-cors' }); return r.type + ' ' + r.status; });
  await attempt('POST text/plain no-cors', async () => (await fetch(FILE, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: BODY })).type);
  await attempt('POST text/plain', async () => read(await fetch(FILE, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: BODY })));
  await attempt('PUT json', async () => read(await fetch(FILE, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: BODY })));
  await attempt('PUT json with a guessed secret', async () => read(await fetch(FILE, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-tiaoli-session': 'guess' }, body: BODY })));
  await attempt('form text/plain', () => submitted('form'));
  await attempt('form urlencoded', () => submitted('urlencoded'));
  await attempt('img /%', () => image(S + '%'));
  await attempt('img /%E0%A4%A', () => image(S + '%E0%A4%A'));
  await attempt('img //[', () => image(S + '/['));
  return results;
};
</script></body></html>`;
}

beforeAll(async () => {
  ({ dir } = nestedProjectCopy());
  studio = await startServer({ root: dir, port: 0, host: '127.0.0.1', studio: join(root, 'studio', 'dist') });
  browser = await launchChromium(['--host-resolver-rules=MAP rebind.test 127.0.0.1']);
  const text = readFileSync(join(dir, AGENT), 'utf8');
  const body = JSON.stringify({ text: `${text}# 由其他网站写入\n`, baseVersion: versionOf(text) });
  const html = attackPage(studio.url, AGENT, body);
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done));
  const address = attacker.address();
  attackerUrl = `http://localhost:${typeof address === 'object' && address ? address.port : 0}/`;
});
afterAll(async () => {
  await browser?.close();
  await studio?.close();
  await new Promise((done) => attacker?.close(done));
});

describe('a page on another origin', () => {
  it('can neither read nor write the project, and the studio keeps answering', async () => {
    const before = fingerprint(dir);
    const page = await browser.newPage();
    // what reached the server and how it answered (the browser hides most of it from the page)
    const seen: Array<{ url: string; status: number; method: string }> = [];
    const watch = (req: IncomingMessage, res: ServerResponse) => res.on('finish', () => seen.push({ url: req.url ?? '', status: res.statusCode, method: req.method ?? '' }));
    studio.server?.on('request', watch); // (absent before the Hono server)
    await page.goto(attackerUrl);
    const results: Record<string, string> = await page.evaluate(() => (window as unknown as { attack: () => Promise<Record<string, string>> }).attack());
    await page.close();
    studio.server?.off('request', watch);

    // nothing read: the cross-origin reads fail in the browser, the opaque one shows nothing
    expect(results['GET /api/project']).toMatch(/^blocked/);
    expect(results['GET / (the page with the secret)']).toMatch(/^blocked/);
    expect(results['GET /api/project no-cors']).toBe('opaque 0');
    expect(results['POST text/plain']).toMatch(/^blocked/);
    expect(results['PUT json']).toMatch(/^blocked/);
    expect(results['PUT json with a guessed secret']).toMatch(/^blocked/);
    for (const name of ['form text/plain', 'form urlencoded', 'img /%', 'img /%E0%A4%A', 'img //[']) expect(results[name], name).not.toMatch(/^blocked/);

    // the requests the browser did send reached the server, which refused every one
    const api = seen.filter((s) => s.url.startsWith('/api/'));
    expect(api.filter((s) => s.method === 'POST').length).toBe(4); // two fetch()es, two forms
    for (const s of api) expect(s.status, `${s.method} ${s.url}`).toBeGreaterThanOrEqual(400);
    for (const path of ['/%', '/%E0%A4%A', '//[']) expect(seen.some((s) => s.url === path), path).toBe(true);

    expect(changedPaths(before, fingerprint(dir))).toEqual([]);
    expect((await studioFetch(studio, 'api/project')).status).toBe(200);
  });

  it('a DNS name re-pointed at 127.0.0.1 (rebinding) gets neither the studio page nor the API', async () => {
    const { port } = new URL(studio.url);
    const page = await browser.newPage();
    const response = await page.goto(`http://rebind.test:${port}/`);
    expect(response?.status()).toBe(421);
    expect(await page.content()).not.toContain('tiaoli-session');
    const api = await page.evaluate(async () => {
      const r = await fetch('/api/project', { headers: { 'x-tiaoli-session': 'guess' } });
      return `${r.status} ${(await r.text()).slice(0, 100)}`;
    });
    expect(api).toMatch(/^421 /);
    await page.close();
  });

  it('the studio on its own origin still reads and saves', async () => {
    const page = await browser.newPage();
    await page.goto(`${studio.url}#/parameters`);
    await page.locator('[data-testid=ruleset]').filter({ hasText: /[0-9a-f]{16}/ }).waitFor();
    await page.locator('[data-testid=value-photoCount-0]').fill('1');
    await page.locator('[data-testid="file-parameters/materials.yaml"] [data-testid=save]').click();
    await page.locator('[data-testid="file-parameters/materials.yaml"] [data-testid=save-message]').filter({ hasText: '已保存' }).waitFor();
    expect(readFileSync(join(dir, 'rules/parameters/materials.yaml'), 'utf8')).toContain('    2017-10-09: 1\n');
    await page.close();
  });
});
