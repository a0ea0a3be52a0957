// Nothing cross-site, on loopback too. A page on another origin can make the browser send
// a "simple" request (a form POST, text/plain fetch, an <img>) without asking first, and the
// browser sends it even to 127.0.0.1. So every API request needs what only the studio's own
// page has: the per-start session secret, which the server puts into index.html (a page
// elsewhere cannot read that). Requests that change or compute also need JSON (which no form
// can send and no cross-site fetch can send without a preflight we never grant) and, when
// the browser says where it comes from, an Origin equal to ours.
import type { MiddlewareHandler } from 'hono';
import { sameSecret } from './secret.js';

export const SESSION_HEADER = 'x-tiaoli-session';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

export function sameOrigin(session: string): MiddlewareHandler {
  return async (c, next) => {
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return c.json({ error: `拒绝来自其他网站的请求（Sec-Fetch-Site: ${site.slice(0, 40)}）` }, 403);
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== `http://${c.req.header('host') ?? ''}`) {
      return c.json({ error: `拒绝来自其他来源的请求（Origin: ${origin.slice(0, 200)}）：只接受工作室本身的页面` }, 403);
    }
    if (!SAFE_METHODS.has(c.req.method) && !isJson(c.req.header('content-type'))) {
      return c.json({ error: '请求的 Content-Type 必须是 application/json' }, 415);
    }
    if (!sameSecret(c.req.header(SESSION_HEADER), session)) {
      return c.json({ error: '缺少或错误的会话密钥（请从工作室页面访问，或刷新页面）' }, 403);
    }
    await next();
  };
}
