// Beyond loopback, anyone on the network can reach the server: every API request must
// carry the token printed at start (Authorization: Bearer …), compared in constant time.
import type { MiddlewareHandler } from 'hono';
import { sameSecret } from './secret.js';

export function tokenCheck(token: string): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
    if (!sameSecret(given, token)) return c.json({ error: '需要访问令牌（启动时打印的 token）' }, 401);
    await next();
  };
}
