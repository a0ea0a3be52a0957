// Single sign-on (OpenID Connect) for an office that has one: the configuration's shape, read
// from the YAML file TIAOLI_OIDC names, and checked before the server starts.
//
//   name: 某市政务统一身份认证平台          # shown on the sign-in page
//   issuer: https://sso.example.gov.cn/     # the provider's issuer URL (discovery)
//   clientId: tiaoli
//   clientSecretFile: /etc/tiaoli/oidc-secret   # or TIAOLI_OIDC_CLIENT_SECRET; never in this file
//   redirectUri: https://tiaoli.example.gov.cn/api/session/oidc/callback
//   loginClaim: sub                          # the claim an administrator links to an account
//   scope: openid profile                    # optional (default: openid profile email)
//
// Roles stay tiaoli's own: a person signed in through the provider gets the roles of the
// account an administrator linked to the value of `loginClaim` (tiaoli accounts link), and
// nobody without such a link gets in (oidc-links.ts).
//
// The client secret is read from its file at every exchange of a code, not once at the start:
// a new secret written over the file is in use from the next sign-in, without a restart.
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'yaml';

export interface OidcConfig {
  name: string;
  issuer: string;
  clientId: string;
  clientSecretFile?: string;
  redirectUri: string;
  loginClaim: string;
  scope: string;
}

/** Where the client secret comes from: the environment, or a file read at each use. */
export interface OidcSetup { config: OidcConfig; file: string; secret: () => string }

export type OidcStatus = { kind: 'off' } | { kind: 'refused'; message: string } | ({ kind: 'on' } & OidcSetup);

export const CALLBACK_PATH = '/api/session/oidc/callback';
export const SECRET_ENV = 'TIAOLI_OIDC_CLIENT_SECRET';
const DEFAULT_SCOPE = 'openid profile email';

const REQUIRED = ['name', 'issuer', 'clientId', 'redirectUri', 'loginClaim'] as const;
const OPTIONAL = ['clientSecretFile', 'scope'] as const;
const KEYS: readonly string[] = [...REQUIRED, ...OPTIONAL];
const CLAIM = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The configuration in `text`, or the first problem with it (naming the file and key). */
export function readOidcConfig(text: string, file: string): { config?: OidcConfig; problem?: string } {
  let value: unknown;
  try {
    value = parse(text);
  } catch (e) {
    return { problem: `${file}：不是有效的 YAML（${(e as Error).message.split('\n')[0]}）` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { problem: `${file}：应是一个映射（${KEYS.join('、')}）` };
  for (const key of Object.keys(value)) if (!KEYS.includes(key)) return { problem: `${file}：未知的键 ${key.slice(0, 40)}（可用：${KEYS.join('、')}）` };
  const out = new Map<string, string>();
  for (const key of KEYS) {
    const v = Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
    if (v === undefined && (OPTIONAL as readonly string[]).includes(key)) continue;
    if (typeof v !== 'string' || !v.trim()) return { problem: `${file}：缺少 ${key}（文字）` };
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(v)) return { problem: `${file}：${key} 含有控制字符或方向控制符` };
    out.set(key, v.trim());
  }
  for (const key of ['issuer', 'redirectUri'] as const) {
    let url: URL;
    try {
      url = new URL(out.get(key)!);
    } catch {
      return { problem: `${file}：${key} 不是网址` };
    }
    // plain http only where nothing crosses a network: a provider tried out on this machine
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return { problem: `${file}：${key} 必须是 https 网址（http 只允许本机地址）` };
    if (url.username || url.password) return { problem: `${file}：${key} 不能含有用户名或密码` };
  }
  const redirect = new URL(out.get('redirectUri')!);
  if (!redirect.pathname.endsWith(CALLBACK_PATH) || redirect.search || redirect.hash) return { problem: `${file}：redirectUri 的路径应以 ${CALLBACK_PATH} 结尾，不带查询或片段（工作室的回调地址）` };
  if (!CLAIM.test(out.get('loginClaim')!)) return { problem: `${file}：loginClaim 应是一个声明的名字，如 sub、preferred_username、email` };
  const scope = out.get('scope') ?? DEFAULT_SCOPE;
  if (!scope.split(/\s+/).includes('openid')) return { problem: `${file}：scope 必须含有 openid` };
  return {
    config: {
      name: out.get('name')!, issuer: out.get('issuer')!, clientId: out.get('clientId')!, clientSecretFile: out.get('clientSecretFile'),
      redirectUri: redirect.href, loginClaim: out.get('loginClaim')!, scope,
    },
  };
}

/** The client secret in `file`: a regular file, not readable by other accounts, not empty. */
export function readSecretFile(file: string): string {
  let stat;
  try {
    stat = statSync(file);
  } catch (e) {
    throw new Error(`客户端密钥文件 ${file} 读不出来（${(e as NodeJS.ErrnoException).code ?? 'error'}）`, { cause: e });
  }
  if (!stat.isFile()) throw new Error(`客户端密钥文件 ${file} 不是普通文件`);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) throw new Error(`客户端密钥文件 ${file} 其他账户也能读取（应只有服务器的账户能读）：chmod 600 ${file}`);
  const secret = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (!secret.trim()) throw new Error(`客户端密钥文件 ${file} 是空的`);
  return secret;
}

/** The configuration TIAOLI_OIDC names (without its secret: what `tiaoli accounts link` needs), or why not. */
export function readOidcFile(env: Record<string, string | undefined> = process.env): { kind: 'off' } | { kind: 'refused'; message: string } | { kind: 'read'; config: OidcConfig; file: string } {
  const file = env.TIAOLI_OIDC?.trim();
  if (!file) return { kind: 'off' };
  let text: string;
  try {
    if (!statSync(file).isFile()) return { kind: 'refused', message: `单点登录配置 TIAOLI_OIDC=${file} 不是普通文件` };
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { kind: 'refused', message: `单点登录配置 TIAOLI_OIDC=${file} 读不出来（${(e as NodeJS.ErrnoException).code ?? 'error'}）` };
  }
  const { config, problem } = readOidcConfig(text, file);
  return config ? { kind: 'read', config, file } : { kind: 'refused', message: `单点登录配置有误：${problem}` };
}

/** Whether single sign-on is configured, and if so its setup or why the server cannot offer it. */
export function oidcStatus(env: Record<string, string | undefined> = process.env): OidcStatus {
  const read = readOidcFile(env);
  if (read.kind !== 'read') return read;
  const { config, file } = read;
  const fromEnv = env[SECRET_ENV];
  if (fromEnv !== undefined && config.clientSecretFile) return { kind: 'refused', message: `单点登录配置有误：${file} 有 clientSecretFile，环境里又有 ${SECRET_ENV}，只能用其中一个` };
  if (fromEnv === undefined && !config.clientSecretFile) return { kind: 'refused', message: `单点登录配置有误：${file} 缺少 clientSecretFile（或设置环境变量 ${SECRET_ENV}）；客户端密钥不写在配置文件或命令行上` };
  if (fromEnv !== undefined && !fromEnv.trim()) return { kind: 'refused', message: `单点登录配置有误：环境变量 ${SECRET_ENV} 是空的` };
  const secretFile = config.clientSecretFile;
  const secret = secretFile ? () => readSecretFile(secretFile) : () => fromEnv!;
  try {
    secret();
  } catch (e) {
    return { kind: 'refused', message: `单点登录配置有误：${(e as Error).message}` };
  }
  return { kind: 'on', config, file, secret };
}
