// Who may call which API route: every route of the table (engine/server/route-roles.ts) with
// every role, signed in as one account holding just that role, and signed out. An allowed
// request gets past the check (its answer is the route's own: 200, or the route's own 4xx for
// the harmless body sent, never 401/403); a refused one is 403 naming the roles it needs; a
// request without a session is 401. Every API route the app serves is in the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../engine/accounts/roles.js';
import { createApp } from '../../engine/server/app.js';
import { ProjectStore } from '../../engine/server/project-store.js';
import { ROUTE_ROLES, type RouteRule } from '../../engine/server/route-roles.js';
import { accountsServer, call, PEOPLE, signIn, type AccountsServer } from '../support/accounts-server.js';
import { projectCopy } from '../support/project-copy.js';

/**
 * A request for each route that changes nothing even when allowed (a stale version, a missing
 * field …). The files routes: an administrator's request is about the offices file (the only
 * file it saves), everyone else's about a rules file (see 'the offices file' below).
 */
const REQUESTS: Record<string, { path: string; admin?: string; body?: unknown }> = {
  'GET /api/project': { path: 'api/project' },
  'GET /api/project/fixtures': { path: 'api/project/fixtures' },
  'GET /api/project/superiors': { path: 'api/project/superiors' },
  'GET /api/project/conformance': { path: 'api/project/conformance' },
  'GET /api/projects': { path: 'api/projects' },
  'GET /api/divisions': { path: 'api/divisions?parent=' },
  'POST /api/decide': { path: 'api/decide', body: {} },
  'POST /api/check': { path: 'api/check', body: { files: {} } },
  'POST /api/fixtures/run': { path: 'api/fixtures/run', body: {} },
  'PUT /api/files': { path: 'api/files?path=rules/parameters/materials.yaml', admin: 'api/files?path=forms/offices.yaml', body: { text: 'x', baseVersion: 'stale' } },
  'POST /api/files': { path: 'api/files?path=rules/parameters/materials.yaml', admin: 'api/files?path=forms/offices.yaml', body: { text: 'x', baseVersion: null } },
  'GET /api/successors': { path: 'api/successors' },
  'POST /api/successors': { path: 'api/successors', body: {} },
  'GET /api/successors/:id': { path: 'api/successors/none' },
  'POST /api/successors/:id/publish': { path: 'api/successors/none/publish', body: {} },
  'POST /api/register/decisions': { path: 'api/register/decisions', body: {} },
  'POST /api/register/search': { path: 'api/register/search', body: {} },
  'GET /api/register/decisions/:id': { path: 'api/register/decisions/1' },
  'POST /api/register/decisions/:id/unmask': { path: 'api/register/decisions/1/unmask', body: { reason: '' } },
  'GET /api/register/access-log': { path: 'api/register/access-log' },
  'POST /api/register/replay': { path: 'api/register/replay', body: {} },
  'GET /api/register/replay': { path: 'api/register/replay' },
  'POST /api/register/replay/cancel': { path: 'api/register/replay/cancel', body: {} },
  'GET /api/accounts': { path: 'api/accounts' },
  'POST /api/accounts': { path: 'api/accounts', body: { login: 'X' } },
  'PUT /api/accounts/:id': { path: 'api/accounts/99999', body: {} },
};

/**
 * The public routes: the session's own. The navigation ones (single sign-on's way to the
 * identity provider and back) are reached without the studio's secret, as a browser
 * navigating cannot send it; every other route needs it, public or not.
 */
const PUBLIC: Record<string, { path: string; navigation: boolean }> = {
  'GET /api/session': { path: 'api/session', navigation: false },
  'POST /api/session': { path: 'api/session', navigation: false },
  'DELETE /api/session': { path: 'api/session', navigation: false },
  'GET /api/session/oidc/start': { path: 'api/session/oidc/start', navigation: true },
  'GET /api/session/oidc/callback': { path: 'api/session/oidc/callback', navigation: true },
};

const key = (r: RouteRule) => `${r.method} ${r.path}`;
const loginOf = (role: Role) => Object.entries(PEOPLE).find(([, p]) => p.roles.length === 1 && p.roles[0] === role)![0];

let s: AccountsServer;
const cookies = new Map<Role, string>();

beforeAll(async () => {
  s = await accountsServer();
  for (const role of ROLES) cookies.set(role, await signIn(s.server, loginOf(role)));
}, 120_000);
afterAll(() => s?.close());

describe('the route table', () => {
  it('has every API route the app serves, and nothing it does not serve', () => {
    const app = createApp({ store: new ProjectStore(projectCopy()), session: 's', hosts: () => new Set(), singleUser: false });
    const served = new Set(app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    expect([...served].sort()).toEqual(ROUTE_ROLES.map(key).sort());
    expect(Object.keys(REQUESTS).sort()).toEqual(ROUTE_ROLES.filter((r) => r.allowed !== 'public').map(key).sort());
    expect(Object.keys(PUBLIC).sort()).toEqual(ROUTE_ROLES.filter((r) => r.allowed === 'public').map(key).sort());
    expect(Object.entries(PUBLIC).filter(([, p]) => p.navigation).map(([k]) => k).sort()).toEqual(ROUTE_ROLES.filter((r) => r.navigation).map(key).sort());
  });
});

describe.each(ROUTE_ROLES.filter((r) => r.allowed === 'public'))('public: $method $path', (rule) => {
  const request = PUBLIC[key(rule)]!;
  it(request.navigation ? 'is reached without the studio\'s secret (a navigation), and signs nobody in' : 'needs the studio\'s secret', async () => {
    const res = await fetch(`${s.server.url}${request.path}`, { method: rule.method, headers: { 'content-type': 'application/json' }, body: rule.method === 'GET' ? undefined : '{}' });
    if (request.navigation) {
      // this server has no single sign-on: the route itself says so, as a page
      expect(res.status).toBe(404);
      expect(await res.text()).toMatch(/没有配置单位统一身份认证/);
      expect(res.headers.getSetCookie()).toEqual([]);
    } else {
      expect(res.status).toBe(403);
      expect((await res.json()).error).toMatch(/会话密钥/);
    }
  });
});

describe.each(ROUTE_ROLES.filter((r) => r.allowed !== 'public'))('$method $path', (rule) => {
  const request = REQUESTS[key(rule)]!;
  it.each(ROLES)('as %s', async (role) => {
    const path = role === 'admin' ? request.admin ?? request.path : request.path;
    const res = await call(s.server, rule.method, path, { cookie: cookies.get(role), body: request.body });
    const body = await res.json();
    if ((rule.allowed as readonly Role[]).includes(role)) {
      expect([401, 403], JSON.stringify(body)).not.toContain(res.status);
    } else {
      expect(res.status).toBe(403);
      expect(body.error).toMatch(/^没有权限：.*需要以下角色之一/);
    }
  }, 60_000);
  it('signed out', async () => {
    const res = await call(s.server, rule.method, request.path, { body: request.body });
    expect(res.status).toBe(401);
    expect((await res.json()).signIn).toBe(true);
  });
});

describe('the offices file', () => {
  it('only an administrator saves forms/offices.yaml; rules files are not the administrator\'s', async () => {
    const put = (role: Role, path: string) => call(s.server, 'PUT', `api/files?path=${path}`, { cookie: cookies.get(role), body: { text: 'x', baseVersion: 'stale' } });
    expect((await put('admin', 'forms/offices.yaml')).status).toBe(409); // past the check: a stale version
    expect((await put('admin', 'forms/./offices.yaml')).status).not.toBe(200);
    for (const role of ['policy', 'legal', 'counter'] as const) expect((await put(role, 'forms/offices.yaml')).status).toBe(403);
    expect((await put('admin', 'rules/parameters/materials.yaml')).status).toBe(403);
    expect((await put('policy', 'rules/parameters/materials.yaml')).status).toBe(409);
  });
});
