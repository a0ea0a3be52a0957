// A real OpenID Connect provider (oidc-provider) on a loopback port, for the tests of single
// sign-on: one confidential client (tiaoli), its people with the claims an office's provider
// gives (sub, preferred_username, name, email), and its development sign-in and consent
// pages, which a test submits as a browser would (fetch, following redirects by hand, a
// cookie jar per origin).
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Provider from 'oidc-provider';

export const CLIENT_ID = 'tiaoli';
export const CLIENT_SECRET = 'idp-client-secret-0123456789abcdef';

/** the provider's people: accountId (what its sign-in page asks for) → claims */
export const IDP_PEOPLE: Record<string, { preferred_username: string; name: string; email: string }> = {
  'u-1001': { preferred_username: 'wang.chuangkou', name: '王窗口', email: 'wang@pcs.example.gov.cn' },
  'u-2002': { preferred_username: 'stranger', name: '陌生人', email: 'stranger@pcs.example.gov.cn' },
};

export interface Idp {
  issuer: string;
  /** starts the provider, its one client sending browsers back to `redirectUris` */
  serve: (redirectUris: string[]) => void;
  close: () => Promise<void>;
}

/** A port for the provider first (its issuer URL goes into tiaoli's configuration), the provider itself once tiaoli's callback URL is known. */
export async function listenIdp(): Promise<Idp> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const issuer = `http://127.0.0.1:${port}`;
  const serve = (redirectUris: string[]): void => {
    const provider = new Provider(issuer, {
      clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
      claims: { openid: ['sub'], profile: ['preferred_username', 'name'], email: ['email'] },
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: true } },
      async findAccount(_ctx: unknown, sub: string) {
        const person = Object.hasOwn(IDP_PEOPLE, sub) ? IDP_PEOPLE[sub] : undefined;
        return { accountId: sub, claims: () => ({ sub, ...(person ?? {}) }) };
      },
      cookies: { keys: ['test-cookie-key-for-the-idp-only'] },
      jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
      ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    });
    server.removeAllListeners('request');
    server.on('request', provider.callback());
  };
  return { issuer, serve, close: () => new Promise<void>((done) => { server.close(() => done()); server.closeAllConnections(); }) };
}

/** A free loopback port (the provider must know tiaoli's callback URL before tiaoli starts). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

/** tiaoli's single sign-on configuration for `issuer`: the YAML file and the client secret's file (0600). */
export function ssoConfig(issuer: string, redirectUri: string, loginClaim = 'preferred_username'): string {
  const dir = mkdtempSync(join(tmpdir(), 'tiaoli-oidc-'));
  const secret = join(dir, 'client-secret');
  writeFileSync(secret, `${CLIENT_SECRET}\n`, { mode: 0o600 });
  const file = join(dir, 'oidc.yaml');
  writeFileSync(file, `name: 测试市政务统一身份认证\nissuer: ${issuer}\nclientId: ${CLIENT_ID}\nclientSecretFile: ${secret}\nredirectUri: ${redirectUri}\nloginClaim: ${loginClaim}\n`);
  return file;
}

/** A browser's cookies, one jar per origin (two servers on 127.0.0.1 differ only by port). */
export class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  cookies(origin: string): string {
    return [...(this.jars.get(origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  /** Puts a cookie into the jar as another page or a tampering hand would. */
  setCookie(origin: string, name: string, value: string): void {
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    jar.set(name, value);
  }

  async fetch(url: string, init: { method?: string; body?: URLSearchParams; headers?: Record<string, string> } = {}): Promise<Response> {
    const origin = new URL(url).origin;
    const cookie = this.cookies(origin);
    const res = await fetch(url, { method: init.method ?? 'GET', body: init.body, redirect: 'manual', headers: { ...(cookie ? { cookie } : {}), ...init.headers } });
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    for (const set of res.headers.getSetCookie()) {
      const [pair, ...attrs] = set.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (gone || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /**
   * Follows redirects from `url` until an answer that is not one, or one whose Location
   * `stop` says to stop at (that redirect is returned unfollowed).
   */
  async follow(url: string, stop: (location: URL) => boolean = () => false): Promise<{ res: Response; url: string }> {
    let at = url;
    for (let hops = 0; hops < 20; hops++) {
      const res = await this.fetch(at);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { res, url: at };
      const next = new URL(location, at);
      if (stop(next)) return { res, url: at };
      at = next.href;
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /**
   * Signs in at the provider as `accountId` from its authorization URL, gives consent, and
   * returns the redirect back to the client (its callback URL with code and state), unfollowed.
   */
  async signInAtIdp(authorizationUrl: string, accountId: string, callbackPrefix: string): Promise<URL> {
    const back = (u: URL) => u.href.startsWith(callbackPrefix);
    let next = authorizationUrl;
    for (let step = 0; step < 4; step++) {
      const { res, url } = await this.follow(next, back);
      const location = res.headers.get('location');
      if (location && back(new URL(location, url))) return new URL(location, url);
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`no interaction form at ${url} (${res.status}): ${html.slice(0, 300)}`);
      const body = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login: accountId, password: 'any' } : {}) });
      const submitted = await this.fetch(new URL(action, url).href, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      const to = new URL(submitted.headers.get('location') ?? url, url);
      if (back(to)) return to;
      next = to.href;
    }
    throw new Error('the provider never sent the browser back');
  }
}
