// Single sign-on under attack, against a real OpenID Connect provider (oidc-provider) and,
// for a provider that answers garbage, a server that does: a callback whose state was changed;
// a code used twice; an ID token minted for another sign-in's nonce; a callback without the
// browser that began the sign-in (login CSRF); a person the provider knows but nobody linked;
// a claim value the provider gave to someone else after it was linked; a disabled account; a
// return-to that would send the browser to another site. Each answer signs nobody in.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OidcClient } from '../../engine/accounts/oidc-client.js';
import { oidcStatus, type OidcSetup } from '../../engine/accounts/oidc-config.js';
import { OidcLinks } from '../../engine/accounts/oidc-links.js';
import { createApp } from '../../engine/server/app.js';
import { mountedRedirectUri, safeReturnTo } from '../../engine/server/routes/session-oidc.js';
import { ProjectStore } from '../../engine/server/project-store.js';
import { accountsServer, type AccountsServer } from '../support/accounts-server.js';
import { Browser, freePort, IDP_PEOPLE, listenIdp, ssoConfig, type Idp } from '../support/oidc-idp.js';

let s: AccountsServer;
let idp: Idp;
let origin: string;
let redirectUri: string;
let setup: OidcSetup;

beforeAll(async () => {
  idp = await listenIdp();
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  redirectUri = `${origin}/api/session/oidc/callback`;
  const status = oidcStatus({ TIAOLI_OIDC: ssoConfig(idp.issuer, redirectUri) });
  if (status.kind !== 'on') throw new Error(JSON.stringify(status));
  setup = status;
  s = await accountsServer({ port, oidc: status, people: { clerk: { name: '王窗口', roles: ['counter'] }, gone: { name: '周停用', roles: ['counter'] } } });
  idp.serve([redirectUri]);
  const links = new OidcLinks((await s.access.get()).db);
  await links.link((await s.accounts.byLogin('clerk'))!.id, idp.issuer, 'wang.chuangkou');
}, 120_000);
afterAll(async () => {
  await s?.close();
  await idp?.close();
});

const start = (browser: Browser, returnTo = '/') => browser.fetch(`${origin}/api/session/oidc/start?returnTo=${encodeURIComponent(returnTo)}`);

/** Starts a sign-in and signs in at the provider; the callback URL it sends the browser back to (not yet followed). */
async function atProvider(browser: Browser, person = 'u-1001'): Promise<URL> {
  const res = await start(browser);
  expect(res.status).toBe(303);
  return browser.signInAtIdp(res.headers.get('location')!, person, redirectUri);
}

/** A refusal: a page saying why, and no session. */
async function refused(res: Response, status: number, why: RegExp, browser: Browser): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('location')).toBeNull();
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  expect(await res.text()).toMatch(why);
  expect(browser.cookie(origin, 'tiaoli_session')).toBeUndefined();
}

describe('the way back from the provider', () => {
  it('a changed state signs nobody in', async () => {
    const b = new Browser();
    const back = await atProvider(b);
    back.searchParams.set('state', 'x'.repeat(43));
    await refused(await b.fetch(back.href), 400, /state 不对/, b);
  }, 60_000);

  it('a code used twice signs nobody in the second time, even with a fresh sign-in of the same browser', async () => {
    const b = new Browser();
    const back = await atProvider(b);
    expect((await b.fetch(back.href)).status).toBe(303);
    const attacker = new Browser();
    // the same callback again, without the browser's sign-in (it was used)
    await refused(await attacker.fetch(back.href), 400, /不是从本浏览器发起的，或已经用过/, attacker);
    // the used code under a sign-in the attacker began (its state, its PKCE verifier)
    const began = await start(attacker);
    const state = new URL(began.headers.get('location')!).searchParams.get('state')!;
    back.searchParams.set('state', state);
    await refused(await attacker.fetch(back.href), 400, /授权码无效、已过期或已经用过/, attacker);
  }, 60_000);

  it('an ID token minted for another sign-in\'s nonce signs nobody in', async () => {
    const b = new Browser();
    const first = new URL((await start(b)).headers.get('location')!);
    const second = new URL((await start(b)).headers.get('location')!);
    // the second sign-in (its state and PKCE) carried to the provider with the first one's nonce
    second.searchParams.set('nonce', first.searchParams.get('nonce')!);
    const back = await b.signInAtIdp(second.href, 'u-1001', redirectUri);
    await refused(await b.fetch(back.href), 400, /nonce 不对/, b);
  }, 60_000);

  it('a callback sent to someone else\'s browser (login CSRF) signs nobody in', async () => {
    const back = await atProvider(new Browser());
    const victim = new Browser();
    await refused(await victim.fetch(back.href), 400, /不是从本浏览器发起的/, victim);
  }, 60_000);
});

describe('who may come in', () => {
  it('a person the provider knows but nobody linked is refused, told what to give the administrator', async () => {
    const b = new Browser();
    await refused(await b.fetch((await atProvider(b, 'u-2002')).href), 403, /还没有为你建立或链接账户.*tiaoli accounts link 账户名 stranger/, b);
  }, 60_000);

  it('a linked claim value the provider later gives to someone else signs nobody in', async () => {
    const b = new Browser();
    expect((await b.fetch((await atProvider(b, 'u-1001')).href)).status).toBe(303); // pins u-1001
    const was = IDP_PEOPLE['u-2002']!.preferred_username;
    IDP_PEOPLE['u-2002']!.preferred_username = 'wang.chuangkou';
    try {
      const other = new Browser();
      await refused(await other.fetch((await atProvider(other, 'u-2002')).href), 403, /链接时是另一个人/, other);
    } finally {
      IDP_PEOPLE['u-2002']!.preferred_username = was;
    }
  }, 60_000);

  it('a disabled account is refused', async () => {
    const links = new OidcLinks((await s.access.get()).db);
    const gone = (await s.accounts.byLogin('gone'))!;
    await links.link(gone.id, idp.issuer, 'stranger');
    await s.accounts.setDisabled(gone.id, true);
    try {
      const b = new Browser();
      await refused(await b.fetch((await atProvider(b, 'u-2002')).href), 403, /账户已停用/, b);
    } finally {
      await links.unlink(gone.id);
    }
  }, 60_000);
});

describe('return-to', () => {
  it.each([
    ['//evil.example/'], ['https://evil.example/'], ['/\\evil.example'], ['/\t/evil.example'], ['javascript:alert(1)'], ['evil.example'], [`/${'a'.repeat(2001)}`],
  ])('%# is refused before the provider is asked', async (returnTo) => {
    const b = new Browser();
    const res = await start(b, returnTo);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toMatch(/不会转到其他网站/);
    expect(b.cookie(origin, 'tiaoli_session_oidc')).toBeUndefined();
  });

  it('a project served beside the main one comes back to its own callback and its own page', () => {
    const mounted = mountedRedirectUri('https://tiaoli.example.gov.cn/api/session/oidc/callback', 'national-2016');
    expect(mounted).toBe('https://tiaoli.example.gov.cn/p/national-2016/api/session/oidc/callback');
    expect(safeReturnTo(undefined, mounted)).toBe('/p/national-2016/');
    expect(safeReturnTo('/p/national-2016/#/counter', mounted)).toBe('/p/national-2016/#/counter');
    expect(safeReturnTo('/%2F%2Fevil.example', mounted)).toBe('/%2F%2Fevil.example'); // a path here, percent-encoded, never a host
    expect(safeReturnTo('/./\\evil.example', mounted)).toBeUndefined();
  });

  it('a path on this server is where the browser lands', async () => {
    const b = new Browser();
    const res = await start(b, '/p/national-2016/?view=register#x');
    expect(res.status).toBe(303);
    const back = await b.signInAtIdp(res.headers.get('location')!, 'u-1001', redirectUri);
    const done = await b.fetch(back.href);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/p/national-2016/?view=register#x');
  }, 60_000);
});

describe('a provider that answers garbage', () => {
  let garbage: Server;
  let issuer: string;
  let mode: 'html' | 'bad-token';
  beforeAll(async () => {
    garbage = createServer((req, res) => {
      if (mode === 'bad-token' && req.url === '/.well-known/openid-configuration') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
          issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, response_types_supported: ['code'],
        }));
      } else if (mode === 'bad-token' && req.url === '/token') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token": "a", "token_type": "bearer", "id_token": "not.a.jwt"');
      } else {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>维护中</html>');
      }
    });
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(garbage.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((done) => garbage.close(() => done())));

  /** An app of the same register whose provider is the garbage server. */
  const app = () => createApp({
    store: new ProjectStore(s.dir), session: 's', hosts: () => new Set(['127.0.0.1:9']), register: s.access, singleUser: false,
    oidc: { client: new OidcClient({ ...setup, config: { ...setup.config, issuer } }), redirectUri: 'http://127.0.0.1:9/api/session/oidc/callback' },
  });
  const get = (a: ReturnType<typeof app>, path: string, cookie?: string) => a.request(`http://127.0.0.1:9${path}`, { headers: { host: '127.0.0.1:9', ...(cookie ? { cookie } : {}) } });

  it('a discovery document that is not one: a page saying the provider cannot be used now', async () => {
    mode = 'html';
    const res = await get(app(), '/api/session/oidc/start');
    expect(res.status).toBe(502);
    expect(await res.text()).toMatch(/暂时无法访问/);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('a token answer that is not JSON: nobody signed in', async () => {
    mode = 'bad-token';
    const a = app();
    const began = await get(a, '/api/session/oidc/start');
    expect(began.status).toBe(303);
    const state = new URL(began.headers.get('location')!).searchParams.get('state')!;
    const pending = began.headers.getSetCookie()[0]!.split(';')[0]!;
    const res = await get(a, `/api/session/oidc/callback?code=abc&state=${state}`, pending);
    expect(res.status).toBe(502);
    expect(await res.text()).toMatch(/回答无法核验/);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('tiaoli_session='))).toBe(false);
  });
});
