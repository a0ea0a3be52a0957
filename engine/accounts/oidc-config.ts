// Single sign-on (OpenID Connect) for an office that has one: the configuration's shape, read
// from the YAML file TIAOLI_OIDC names, and checked. The authorization-code flow itself needs
// the `openid-client` package, which this build does not include; a server configured for
// single sign-on therefore refuses to start, saying so, rather than pretend to sign anyone in.
//
//   name: 某市政务统一身份认证平台          # shown on the sign-in page
//   issuer: https://sso.example.gov.cn/     # the provider's issuer URL (discovery)
//   clientId: tiaoli
//   clientSecretFile: /etc/tiaoli/oidc-secret   # the secret in a file, never in this one
//   redirectUri: https://tiaoli.example.gov.cn/api/session/oidc/callback
//   loginClaim: preferred_username          # the claim matched to an account's login
//
// Roles stay tiaoli's own: a person signed in through the provider gets the roles of the
// account whose login equals the claim, and nobody without such an account gets in.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

export interface OidcConfig { name: string; issuer: string; clientId: string; clientSecretFile: string; redirectUri: string; loginClaim: string }

export type OidcStatus = { kind: 'off' } | { kind: 'refused'; message: string };

const KEYS = ['name', 'issuer', 'clientId', 'clientSecretFile', 'redirectUri', 'loginClaim'] as const;

/** The configuration in `text`, or the first problem with it (naming the file and key). */
export function readOidcConfig(text: string, file: string): { config?: OidcConfig; problem?: string } {
  let value: unknown;
  try {
    value = parse(text);
  } catch (e) {
    return { problem: `${file}：不是有效的 YAML（${(e as Error).message.split('\n')[0]}）` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { problem: `${file}：应是一个映射（${KEYS.join('、')}）` };
  const out: Record<string, string> = {};
  for (const key of KEYS) {
    const v = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    if (typeof v !== 'string' || !v.trim()) return { problem: `${file}：缺少 ${key}（文字）` };
    out[key] = v.trim();
  }
  for (const key of Object.keys(value)) if (!(KEYS as readonly string[]).includes(key)) return { problem: `${file}：未知的键 ${key.slice(0, 40)}` };
  for (const key of ['issuer', 'redirectUri'] as const) {
    let url: URL;
    try {
      url = new URL(out[key]);
    } catch {
      return { problem: `${file}：${key} 不是网址` };
    }
    if (url.protocol !== 'https:') return { problem: `${file}：${key} 必须是 https 网址` };
  }
  return { config: out as unknown as OidcConfig };
}

function installed(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** Whether single sign-on is configured, and if so why the server cannot offer it. */
export function oidcStatus(env: Record<string, string | undefined> = process.env): OidcStatus {
  const file = env.TIAOLI_OIDC?.trim();
  if (!file) return { kind: 'off' };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { kind: 'refused', message: `单点登录配置 TIAOLI_OIDC=${file} 读不出来（${(e as NodeJS.ErrnoException).code ?? 'error'}）` };
  }
  const { problem } = readOidcConfig(text, file);
  if (problem) return { kind: 'refused', message: `单点登录配置有误：${problem}` };
  return {
    kind: 'refused',
    message: installed('openid-client')
      ? `已配置单点登录（${file}），但这个版本的 tiaoli 还没有接入 openid-client 的授权码流程：请去掉 TIAOLI_OIDC，用本地账户（tiaoli accounts add）`
      : `已配置单点登录（${file}），但没有安装 openid-client（npm install openid-client@6.8.9）：这个版本不能完成单点登录；请去掉 TIAOLI_OIDC，用本地账户（tiaoli accounts add）`,
  };
}
