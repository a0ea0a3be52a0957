// Who is asking. Two ways to use the studio:
// - single-user mode (本机单人模式): the server is bound to loopback, answers to no other name,
//   and the register has no account yet. Whoever has the studio page (its per-start secret)
//   is the one person at this machine, with the counter's and policy roles; personal data
//   stays masked (nobody here is 法制审核), and a record names the clerk the desk typed,
//   marked as not signed in.
// - accounts: as soon as the register has one account (on loopback too), every API request
//   but the session's own needs a signed-in session, and its roles decide what it may do.
// Beyond loopback without accounts the server serves nobody: an account is made first
// (`tiaoli accounts add`).
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { Accounts } from '../accounts/accounts.js';
import { Sessions, type SignedIn } from '../accounts/sessions.js';
import type { Role } from '../accounts/roles.js';
import type { RegisterAccess } from '../register/open-register.js';
import type { Register } from '../register/register.js';

export type Mode = 'single' | 'accounts' | 'closed';

export type Principal =
  | { kind: 'single'; roles: readonly Role[] }
  | { kind: 'account'; roles: readonly Role[]; who: SignedIn };

export const SINGLE_USER_ROLES: readonly Role[] = ['counter', 'policy'];

export const SESSION_COOKIE = 'tiaoli_session';

const principals = new WeakMap<Request, Principal>();

/** The principal the auth middleware found for this request (routes behind it always have one). */
export function principalOf(c: Context): Principal {
  const p = principals.get(c.req.raw);
  if (!p) throw new Error('principalOf: the request was not checked by the auth middleware');
  return p;
}

export function setPrincipal(c: Context, p: Principal): void {
  principals.set(c.req.raw, p);
}

export class AccessControl {
  /** once an account exists it exists: the server never falls back to single-user mode */
  private accountsSeen = false;

  /** `cookieName`: each project mounted beside another has a session cookie of its own */
  constructor(readonly register: RegisterAccess, readonly singleUserAllowed: boolean, readonly cookieName: string = SESSION_COOKIE) {}

  /** The register's accounts, making the register when there is none yet. */
  async accounts(): Promise<Accounts> {
    const register = await this.register.get();
    return new Accounts(register.db, register.passwordCost);
  }

  async sessions(): Promise<Sessions | undefined> {
    const register = await this.register.peek();
    return register ? new Sessions(register.db) : undefined;
  }

  async mode(): Promise<Mode> {
    if (!this.accountsSeen) {
      const register: Register | undefined = await this.register.peek();
      if (register) this.accountsSeen = (await new Accounts(register.db).count()) > 0;
    }
    if (this.accountsSeen) return 'accounts';
    return this.singleUserAllowed ? 'single' : 'closed';
  }

  /** Who the request is from, or undefined (accounts mode without a live session; closed). */
  async principal(c: Context, mode: Mode): Promise<Principal | undefined> {
    if (mode === 'single') return { kind: 'single', roles: SINGLE_USER_ROLES };
    if (mode === 'closed') return undefined;
    const who = await (await this.sessions())?.check(getCookie(c, this.cookieName));
    return who ? { kind: 'account', roles: who.roles, who } : undefined;
  }
}
