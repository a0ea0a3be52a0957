// The authorization-code flow with the office's identity provider (openid-client): PKCE
// (S256), a state and a nonce made fresh for every sign-in and checked on the way back; the
// provider's metadata discovered from its issuer URL when the first person signs in (and again
// after a failure, so a provider that was down at the start is found later). What comes back
// is the provider's subject and the value of the configured claim, nothing else.
import * as client from 'openid-client';
import type { OidcSetup } from './oidc-config.js';

/** What a sign-in started with, kept by the server until the browser comes back (one use). */
export interface Pending { state: string; nonce: string; verifier: string; redirectUri: string; returnTo: string }

/** Who the provider signed in. */
export interface Identified { subject: string; claimValue: string }

/** A sign-in that failed: `kind` says whose fault it is, `message` says it in Chinese. */
export class OidcError extends Error {
  constructor(readonly kind: 'unreachable' | 'state' | 'nonce' | 'code' | 'denied' | 'claim' | 'answer', message: string) {
    super(message);
    this.name = 'OidcError';
  }
}

const TIMEOUT_SECONDS = 10;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export class OidcClient {
  private discovered?: Promise<client.Configuration>;

  constructor(readonly setup: OidcSetup) {}

  get name(): string {
    return this.setup.config.name;
  }

  /** The provider's configuration, discovered once (again after a failure). */
  private configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const { issuer, clientId } = this.setup.config;
      const url = new URL(issuer);
      // the client secret is read at each use (a rotated secret is used from the next sign-in)
      const auth: client.ClientAuth = (as, c, body, headers) => {
        const methods = as.token_endpoint_auth_methods_supported;
        const post = Array.isArray(methods) && !methods.includes('client_secret_basic') && methods.includes('client_secret_post');
        (post ? client.ClientSecretPost : client.ClientSecretBasic)(this.setup.secret())(as, c, body, headers);
      };
      const execute = url.protocol === 'http:' && LOOPBACK.has(url.hostname) ? [client.allowInsecureRequests] : [];
      this.discovered = client.discovery(url, clientId, {}, auth, { execute, timeout: TIMEOUT_SECONDS });
      this.discovered.catch(() => {
        this.discovered = undefined;
      });
    }
    return this.discovered;
  }

  /** Where to send the browser to sign in, and what to keep until it comes back. */
  async begin(redirectUri: string, returnTo: string): Promise<{ url: URL; pending: Pending }> {
    let config: client.Configuration;
    try {
      config = await this.configuration();
    } catch (e) {
      throw new OidcError('unreachable', `${this.name}暂时无法访问（${describe(e)}），请稍后再试或用本地账户登录`);
    }
    const pending: Pending = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), redirectUri, returnTo };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.setup.config.scope,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /** Exchanges the code the browser brought back (`search`: the callback's query) for who signed in. */
  async finish(search: URLSearchParams, pending: Pending): Promise<Identified> {
    const error = search.get('error');
    if (error) throw new OidcError('denied', `${this.name}没有完成登录（${error.slice(0, 60)}${search.get('error_description') ? `：${search.get('error_description')!.slice(0, 200)}` : ''}）`);
    if (search.get('state') !== pending.state) throw new OidcError('state', '登录请求与本浏览器发起的不符（state 不对）：请从登录页重新登录');
    let config: client.Configuration;
    try {
      config = await this.configuration();
    } catch (e) {
      throw new OidcError('unreachable', `${this.name}暂时无法访问（${describe(e)}），请稍后再试`);
    }
    const current = new URL(pending.redirectUri);
    current.search = search.toString();
    let tokens;
    try {
      tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true,
      });
    } catch (e) {
      throw classify(e, this.name);
    }
    const claims = tokens.claims();
    if (!claims) throw new OidcError('answer', `${this.name}没有给出身份令牌（id_token）`);
    const subject = claims.sub;
    const claim = this.setup.config.loginClaim;
    let value = Object.hasOwn(claims, claim) ? claims[claim] : undefined;
    if (value === undefined && config.serverMetadata().userinfo_endpoint) {
      try {
        const info = await client.fetchUserInfo(config, tokens.access_token, subject);
        value = Object.hasOwn(info, claim) ? info[claim] : undefined;
      } catch (e) {
        throw classify(e, this.name);
      }
    }
    if (typeof value === 'number' && Number.isSafeInteger(value)) value = String(value);
    if (typeof value !== 'string' || !value.trim()) throw new OidcError('claim', `${this.name}没有给出 ${claim}（配置的 loginClaim），无法确认你是谁：请管理员检查单点登录配置`);
    return { subject, claimValue: value.trim() };
  }
}

function describe(e: unknown): string {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  return (err.cause?.code ?? err.code ?? err.message ?? 'error').toString().slice(0, 80);
}

/** A failure of the code's exchange or of the ID token's checks, said in Chinese. */
function classify(e: unknown, name: string): OidcError {
  const err = e as { code?: string; message?: string; error?: string };
  // openid-client wraps what failed (oauth4webapi's error, fetch's) as the cause: read the chain
  const messages: string[] = [];
  for (let at: unknown = e, depth = 0; at instanceof Error && depth < 4; at = at.cause, depth++) messages.push(at.message);
  const message = messages.join(' ← ');
  if (/"nonce"/.test(message)) return new OidcError('nonce', `${name}给出的身份令牌不是为这次登录签发的（nonce 不对）：请重新登录`);
  if (/"state"/.test(message)) return new OidcError('state', '登录请求与本浏览器发起的不符（state 不对）：请从登录页重新登录');
  if (err.error === 'invalid_grant') return new OidcError('code', '授权码无效、已过期或已经用过：请从登录页重新登录');
  // a rejected client secret comes as an error body, or (client_secret_basic) as a 401 challenge
  const challenged = Array.isArray((e as { cause?: unknown }).cause)
    ? ((e as { cause: Array<{ parameters?: { error?: string } }> }).cause.find((c) => c.parameters?.error)?.parameters?.error)
    : undefined;
  const refused = err.error ?? challenged;
  if (refused === 'invalid_client' || refused === 'unauthorized_client') return new OidcError('answer', `${name}不认本系统的客户端密钥（${refused}）：请管理员核对 clientSecretFile 中的密钥与提供方登记的是否相同`);
  if (err.code === 'OAUTH_TIMEOUT' || /fetch failed|ECONNREFUSED|timeout|aborted/i.test(message)) return new OidcError('unreachable', `${name}暂时无法访问（${describe(e)}），请稍后再试`);
  return new OidcError('answer', `${name}的回答无法核验（${describe(e)}）：没有登录`);
}
