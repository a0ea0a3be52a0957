// Headers on every answer: no sniffing, no framing of the studio by other pages
// (clickjacking), no Referer (the token can be in the studio's URL), API answers not cached.
import type { MiddlewareHandler } from 'hono';

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('x-content-type-options', 'nosniff');
  c.header('x-frame-options', 'DENY');
  c.header('referrer-policy', 'no-referrer');
  if (c.req.path.startsWith('/api/')) c.header('cache-control', 'no-store');
};
