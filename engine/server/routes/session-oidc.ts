// Signing in through the office's identity provider (single sign-on, OpenID Connect):
//   GET /api/session/oidc/start?returnTo=/path: begins a sign-in (state, nonce, PKCE kept in
//       this process under a cookie of this browser's, oidc-pending.ts) and sends the browser
//       to the provider;
//   GET /api/session/oidc/callback?code&state: the provider sends the browser back; the code is
//       exchanged and the ID token checked (oidc-client.ts), the person is found among the
//       accounts an administrator linked (oidc-links.ts), and the same kind of session a
//       password makes begins (sessions.ts: httpOnly, SameSite=Strict, expiring, ended by 退出).
// Both are navigations, not the studio's fetches, so they carry no session secret or token
// (route-roles.ts `navigation`); what binds the callback to the browser that began the sign-in
// is the pending cookie, used once. The pending cookie is SameSite=Lax: the provider's
// redirect back is a cross-site navigation, which a Strict cookie would not come with.
// A refusal is a short Chinese page saying why and what to do, never a redirect elsewhere.
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { OidcLinks } from '../../accounts/oidc-links.js';
import { OidcError, type OidcClient } from '../../accounts/oidc-client.js';
import { CALLBACK_PATH } from '../../accounts/oidc-config.js';
import { ABSOLUTE_HOURS, Sessions } from '../../accounts/sessions.js';
import type { AccessControl } from '../access.js';
import { PENDING_MINUTES, PendingSignIns } from '../oidc-pending.js';
import { secure } from './session.js';

export interface OidcRouteOptions {
  client: OidcClient;
  /** this project's callback URL as the provider knows it (a project mounted at /p/<id>/ has its own) */
  redirectUri: string;
}

/** The callback URL of the project mounted at /p/<id>/, from the main project's. */
export function mountedRedirectUri(redirectUri: string, id: string): string {
  const url = new URL(redirectUri);
  url.pathname = `${url.pathname.slice(0, -CALLBACK_PATH.length)}/p/${id}${CALLBACK_PATH}`;
  return url.href;
}

const escape = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A page saying why nobody was signed in, with a way back to the sign-in page. */
function refusal(c: Context, status: 400 | 403 | 404 | 409 | 502, title: string, message: string, back: string): Response {
  c.header('content-security-policy', "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  return c.html(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
    `<body><h1>${escape(title)}</h1><p data-testid="oidc-refusal">${escape(message)}</p><p><a href="${escape(back)}">返回登录页</a></p></body></html>`,
    status);
}

/**
 * Where to send the browser after signing in: a path on this server only. Anything that could
 * leave it — another scheme or host, `//host`, `/\host`, control characters — is refused.
 */
export function safeReturnTo(value: string | undefined, redirectUri: string): string | undefined {
  const base = new URL(redirectUri);
  const home = `${base.pathname.slice(0, -CALLBACK_PATH.length)}/`;
  if (value === undefined || value === '') return home;
  // eslint-disable-next-line no-control-regex
  if (value.length > 2000 || !value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u0020\u007f-\u009f]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, base.origin);
  } catch {
    return undefined;
  }
  if (url.origin !== base.origin) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

export function sessionOidcRoute(app: Hono, access: AccessControl, options: OidcRouteOptions | undefined): void {
  const pending = new PendingSignIns();
  const pendingCookie = `${access.cookieName}_oidc`;

  app.get('/api/session/oidc/start', async (c) => {
    if (!options) return refusal(c, 404, '未配置单点登录', '本服务器没有配置单位统一身份认证：请用账户名和密码登录', './');
    const home = safeReturnTo(undefined, options.redirectUri)!;
    const returnTo = safeReturnTo(c.req.query('returnTo'), options.redirectUri);
    if (!returnTo) return refusal(c, 400, '登录请求有误', 'returnTo 只能是本服务器上的路径（以 / 开头）：不会转到其他网站', home);
    const mode = await access.mode().catch(() => undefined);
    if (mode !== 'accounts') {
      return refusal(c, 409, '还不能用统一身份认证登录', mode === 'single'
        ? '本机单人模式：还没有账户，不需要登录'
        : '还没有账户：管理员先在服务器上运行 tiaoli accounts add 建立账户，再用 tiaoli accounts link 链接统一身份认证', home);
    }
    let begun;
    try {
      begun = await options.client.begin(options.redirectUri, returnTo);
    } catch (e) {
      if (e instanceof OidcError) {
        console.error(`[tiaoli] 单点登录无法开始：${e.message}`);
        return refusal(c, 502, '统一身份认证暂时无法使用', e.message, home);
      }
      throw e;
    }
    const https = secure(c) || options.redirectUri.startsWith('https:');
    setCookie(c, pendingCookie, pending.put(begun.pending), { path: '/', httpOnly: true, sameSite: 'Lax', secure: https, maxAge: PENDING_MINUTES * 60 });
    return c.redirect(begun.url.href, 303);
  });

  app.get('/api/session/oidc/callback', async (c) => {
    if (!options) return refusal(c, 404, '未配置单点登录', '本服务器没有配置单位统一身份认证：请用账户名和密码登录', './');
    const home = safeReturnTo(undefined, options.redirectUri)!;
    const https = secure(c) || options.redirectUri.startsWith('https:');
    const began = pending.take(getCookie(c, pendingCookie));
    deleteCookie(c, pendingCookie, { path: '/', httpOnly: true, sameSite: 'Lax', secure: https });
    if (!began) return refusal(c, 400, '登录没有完成', `这次登录不是从本浏览器发起的，或已经用过、已过期（${PENDING_MINUTES} 分钟）：请回到登录页重新登录`, home);
    const title = '统一身份认证登录没有完成';
    let who;
    try {
      who = await options.client.finish(new URL(c.req.url).searchParams, began);
    } catch (e) {
      if (e instanceof OidcError) {
        const providers = e.kind === 'unreachable' || e.kind === 'answer';
        // the provider's or the configuration's fault is the administrator's to see in the log
        if (providers) console.error(`[tiaoli] 单点登录没有完成：${e.message}`);
        return refusal(c, providers ? 502 : 400, title, e.message, home);
      }
      throw e;
    }
    const register = await access.register.get();
    const matched = await new OidcLinks(register.db).match(options.client.setup.config.issuer, who.claimValue, who.subject);
    if (!matched.ok) {
      const name = options.client.name;
      const claim = options.client.setup.config.loginClaim;
      const message = matched.reason === 'disabled'
        ? '你的账户已停用：请与管理员联系'
        : matched.reason === 'other-subject'
          ? `${name}的这个标识（${claim}：${who.claimValue}）链接时是另一个人：没有登录。请与管理员联系，核对后重新链接`
          : `你已在${name}登录（${claim}：${who.claimValue}），但本系统还没有为你建立或链接账户：请把这个标识告诉管理员（tiaoli accounts link 账户名 ${who.claimValue}）`;
      return refusal(c, 403, title, message, home);
    }
    const sessions = new Sessions(register.db);
    // whatever session the browser brought ends here: a signed-in session is always a new one
    await sessions.end(getCookie(c, access.cookieName));
    const token = await sessions.begin(matched.accountId);
    setCookie(c, access.cookieName, token, { path: '/', httpOnly: true, sameSite: 'Strict', secure: https, maxAge: ABSOLUTE_HOURS * 3600 });
    return c.redirect(began.returnTo, 303);
  });
}
