// The server answers only to its own names. A page on evil.example whose DNS name is
// re-pointed at 127.0.0.1 (DNS rebinding) would otherwise be "same origin" with the
// studio and could read the project; its requests carry Host: evil.example, so they stop here.
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import type { MiddlewareHandler } from 'hono';

/** 127.0.0.0/8 and ::1 as IP literals, and exactly `localhost` — never a DNS name like 127.evil.example. */
export function isLoopback(host: string): boolean {
  const bare = unbracket(host.toLowerCase());
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.split('.')[0] === '127';
  if (isIP(bare) === 6) return normaliseIPv6(bare) === '[::1]';
  return false;
}

/** Wildcard addresses: bound to one of these, the server is reachable at every interface. */
export function isWildcard(host: string): boolean {
  const bare = unbracket(host.toLowerCase());
  return bare === '0.0.0.0' || (isIP(bare) === 6 && normaliseIPv6(bare) === '[::]');
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function normaliseIPv6(address: string): string {
  try {
    return new URL(`http://[${address}]/`).hostname;
  } catch {
    return address;
  }
}

/** A name as it appears in a Host header: IPv6 in brackets, lower case. */
function hostForm(name: string): string {
  const bare = unbracket(name.toLowerCase());
  return isIP(bare) === 6 ? normaliseIPv6(bare) : bare;
}

/**
 * The Host header values that name this server: the bound host, and when that is loopback
 * also localhost, 127.0.0.1 and [::1]; bound to a wildcard, every interface's address and
 * the machine's name; plus any names given in `extra` (e.g. TIAOLI_HOSTS). Always with the
 * actual port (and without it on port 80, as browsers send it).
 */
export function ownHosts(boundHost: string, port: number, extra: readonly string[] = []): Set<string> {
  const names = new Set<string>([hostForm(boundHost)]);
  if (isLoopback(boundHost) || isWildcard(boundHost)) for (const n of ['localhost', '127.0.0.1', '[::1]']) names.add(n);
  if (isWildcard(boundHost)) {
    names.add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) names.add(hostForm(i.address));
  }
  for (const n of extra) if (n.trim()) names.add(hostForm(n.trim()));
  const out = new Set<string>();
  for (const n of names) {
    out.add(`${n}:${port}`);
    if (port === 80) out.add(n);
  }
  return out;
}

/** Refuses (421) any request whose Host header is not one of `allowed()`'s. */
export function hostCheck(allowed: () => ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    const host = (c.req.header('host') ?? '').toLowerCase();
    if (!allowed().has(host)) {
      return c.json({ error: `主机名 ${JSON.stringify(host.slice(0, 200))} 不是本服务器的地址，已拒绝（防止 DNS 重绑定）。请用启动时打印的地址访问。` }, 421);
    }
    await next();
  };
}
