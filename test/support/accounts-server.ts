// A studio server with accounts, for the tests of who may do what: a fresh register (PGlite)
// with one account per role, made before the first request, and sign-in as the studio page
// does it (its session secret, JSON), the session cookie kept per account.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Accounts } from '../../engine/accounts/accounts.js';
import type { Role } from '../../engine/accounts/roles.js';
import type { OidcStatus } from '../../engine/accounts/oidc-config.js';
import { openRegister, RegisterAccess } from '../../engine/register/open-register.js';
import { startServer } from '../../engine/server/serve.js';
import { backends } from '../register/backends.js';
import { OFFICES } from '../register/cases.js';
import { projectCopy } from './project-copy.js';
import { fakeStudio } from './studio-server.js';

export const PASSWORD = 'counter-desk-2019';

/**
 * The password cost of a test office (TIAOLI_PASSWORD_COST): argon2id with little memory and
 * one pass, for tests that make and sign in accounts but are not about how slow a guess is;
 * those (test/hostile/accounts.test.ts, test/unit/password.test.ts) keep OWASP's cost.
 */
export const TEST_PASSWORD_COST = 'm=64,t=1,p=1';

/** login → roles: one account per role, and one with all four */
export const PEOPLE: Record<string, { name: string; roles: Role[] }> = {
  clerk: { name: '王窗口', roles: ['counter'] },
  drafter: { name: '李政策', roles: ['policy'] },
  reviewer: { name: '赵法制', roles: ['legal'] },
  admin: { name: '钱管理', roles: ['admin'] },
};

export interface AccountsServer {
  dir: string;
  server: Awaited<ReturnType<typeof startServer>>;
  access: RegisterAccess;
  accounts: Accounts;
  close: () => Promise<void>;
}

/**
 * `studio`: the built studio to serve (default a stand-in); `ownOffices`: keep the project's
 * forms/offices.yaml; `passwordCost`: the office's TIAOLI_PASSWORD_COST ('' for OWASP's, the default in production);
 * `port` and `oidc`: a server for single sign-on, at the port its provider sends browsers back to (test/support/oidc-idp.ts)
 */
export async function accountsServer(options: { hosts?: string[]; people?: typeof PEOPLE; studio?: string; ownOffices?: boolean; passwordCost?: string; port?: number; oidc?: OidcStatus } = {}): Promise<AccountsServer> {
  const fresh = await backends[0].fresh();
  const dir = projectCopy();
  if (!options.ownOffices) writeFileSync(join(dir, 'forms', 'offices.yaml'), OFFICES);
  const env = { ...fresh.env, TIAOLI_PASSWORD_COST: options.passwordCost ?? TEST_PASSWORD_COST };
  const access = new RegisterAccess(() => openRegister(dir, { env }));
  const register = await access.get();
  const accounts = new Accounts(register.db, register.passwordCost);
  for (const [login, p] of Object.entries(options.people ?? PEOPLE)) await accounts.add({ login, name: p.name, roles: p.roles, password: PASSWORD });
  const server = await startServer({ root: dir, port: options.port ?? 0, host: '127.0.0.1', studio: options.studio ?? fakeStudio(), register: access, hosts: options.hosts, oidc: options.oidc ?? { kind: 'off' } });
  return { dir, server, access, accounts, close: async () => { await server.close(); await fresh.cleanup(); } };
}

/** A request as the studio page makes it (session secret, JSON), with a session cookie when given. */
export function call(server: { url: string; session: string }, method: string, path: string, options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`${server.url}${path.replace(/^\//, '')}`, {
    method,
    headers: {
      'content-type': 'application/json',
      'x-tiaoli-session': server.session,
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

/** The `name=value` of the session cookie an answer sets, or undefined. */
export function sessionCookie(res: Response): string | undefined {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('tiaoli_session='));
  const pair = set?.split(';')[0];
  return pair && pair !== 'tiaoli_session=' ? pair : undefined;
}

/** Signs in; the cookie to send, or throws with the answer. */
export async function signIn(server: { url: string; session: string }, login: string, password = PASSWORD, cookie?: string): Promise<string> {
  const res = await call(server, 'POST', 'api/session', { body: { login, password }, cookie });
  const got = sessionCookie(res);
  if (res.status !== 200 || !got) throw new Error(`sign-in as ${login}: ${res.status} ${await res.text()}`);
  return got;
}
