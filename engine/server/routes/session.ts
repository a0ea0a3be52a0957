// Signing in and out:
//   GET    /api/session: the mode (single-user / accounts / closed) and who is signed in;
//   POST   /api/session { login, password }: signs in — a new session every time, whatever
//          cookie came with the request (session fixation), in an httpOnly, SameSite=Strict
//          cookie, Secure over HTTPS; wrong passwords are counted (accounts.ts) and a locked
//          account is told when to try again (429);
//   DELETE /api/session: signs out (the session ends in the database, the cookie is cleared),
//          however the session began (a password, or single sign-on: session-oidc.ts).
// These need the studio page's secret like every API request (same-origin.ts): a form on
// another site cannot sign anyone in or out.
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ABSOLUTE_HOURS } from '../../accounts/sessions.js';
import { Sessions } from '../../accounts/sessions.js';
import { RegisterError } from '../../register/database.js';
import { AccessControl, SINGLE_USER_ROLES } from '../access.js';
import { field, jsonObject } from './json-body.js';

/** Password checks at once (each takes ~0.2 s of a core and 19 MiB): more wait for a later try, so a flood of sign-ins cannot take the server's CPU and memory. */
const MAX_CHECKING = 4;

export const secure = (c: Context): boolean => c.req.url.startsWith('https:') || c.req.header('x-forwarded-proto') === 'https';

/** `sso`: the name of the office's identity provider, when single sign-on is configured (the sign-in page offers it) */
export function sessionRoute(app: Hono, access: AccessControl, sso?: string): void {
  let checking = 0;
  app.get('/api/session', async (c) => {
    let mode;
    try {
      mode = await access.mode();
    } catch (e) {
      return c.json({ error: `无法核对账户：台账打不开。${e instanceof RegisterError ? e.message : ''}` }, 503);
    }
    const principal = await access.principal(c, mode);
    return c.json({
      mode,
      roles: principal?.roles ?? [],
      account: principal?.kind === 'account' ? { id: principal.who.accountId, login: principal.who.login, name: principal.who.name, roles: principal.who.roles } : null,
      singleUserRoles: mode === 'single' ? SINGLE_USER_ROLES : undefined,
      sso: sso && mode === 'accounts' ? { name: sso, start: 'api/session/oidc/start' } : null,
    });
  });

  app.post('/api/session', async (c) => {
    const body = await jsonObject(c);
    if (!body.ok) return body.response;
    if (checking >= MAX_CHECKING) {
      c.header('retry-after', '2');
      return c.json({ error: '正在核对其他登录，请稍后再试' }, 429);
    }
    checking++;
    try {
      if ((await access.mode()) === 'single') return c.json({ error: '本机单人模式：还没有账户，不需要登录。建立账户：tiaoli accounts add' }, 409);
      const accounts = await access.accounts();
      const sessions = new Sessions((await access.register.get()).db);
      const result = await accounts.signIn(field(body.value, 'login'), field(body.value, 'password'));
      // whatever session the browser brought ends here: a signed-in session is always a new one
      await sessions.end(getCookie(c, access.cookieName));
      if (!result.ok) {
        deleteCookie(c, access.cookieName, { path: '/', secure: secure(c), httpOnly: true, sameSite: 'Strict' });
        if (result.lockedUntil) {
          const seconds = Math.max(1, Math.ceil((Date.parse(result.lockedUntil) - Date.now()) / 1000));
          c.header('retry-after', String(seconds));
          return c.json({ error: `密码错误次数过多，账户暂时锁定，请 ${Math.ceil(seconds / 60)} 分钟后再试`, lockedUntil: result.lockedUntil }, 429);
        }
        return c.json({ error: result.disabled ? '账户已停用：请与管理员联系' : '账户名或密码不对' }, 401);
      }
      const token = await sessions.begin(result.account.id);
      setCookie(c, access.cookieName, token, { path: '/', httpOnly: true, sameSite: 'Strict', secure: secure(c), maxAge: ABSOLUTE_HOURS * 3600 });
      const a = result.account;
      return c.json({ account: { id: a.id, login: a.login, name: a.name, roles: a.roles } });
    } catch (e) {
      if (e instanceof RegisterError) return c.json({ error: e.message }, e.status);
      console.error(`[tiaoli] 登录出错（${(e as { code?: string }).code ?? 'unknown'}）`);
      return c.json({ error: '登录出错，请重试' }, 500);
    } finally {
      checking--;
    }
  });

  app.delete('/api/session', async (c) => {
    try {
      await (await access.sessions())?.end(getCookie(c, access.cookieName));
    } catch {
      /* the cookie is cleared all the same */
    }
    deleteCookie(c, access.cookieName, { path: '/', secure: secure(c), httpOnly: true, sameSite: 'Strict' });
    return c.json({ signedOut: true });
  });
}
