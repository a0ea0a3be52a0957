// The key the register's personal data is encrypted under, kept outside the database: the
// environment variable TIAOLI_REGISTER_KEY (32 random bytes, base64), or the key file
// `register.key` in the data folder (made 0600 at first use). A key file keeps the keys it
// replaced under `previous` while `tiaoli register rotate-key` re-encrypts the records; with
// the environment variable, the replaced keys are given in TIAOLI_REGISTER_PREVIOUS_KEYS
// (comma-separated). From each key come two: one to encrypt (AES-256-GCM), one to hash the
// numbers searched by (HMAC-SHA256), and its id, stored with each record it encrypted.
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RegisterError } from './database.js';
import { privateFolder } from './private-files.js';

export interface RegisterKey {
  id: string;
  /** the 32 bytes it was made from, base64 (for a worker thread, never for a message) */
  secret: string;
  encrypt: Buffer;
  hash: Buffer;
}

export interface RegisterKeys {
  current: RegisterKey;
  /** every key records may be under: the current one and those it replaced */
  byId: Map<string, RegisterKey>;
  /** where the keys are from, as messages name it */
  source: string;
}

export const KEY_FILE = 'register.key';
export const KEY_ENV = 'TIAOLI_REGISTER_KEY';
export const PREVIOUS_ENV = 'TIAOLI_REGISTER_PREVIOUS_KEYS';

export function keyFromSecret(secret: string, where: string): RegisterKey {
  const bytes = Buffer.from(secret.trim(), 'base64');
  if (bytes.length !== 32 || bytes.toString('base64') !== secret.trim()) {
    throw new RegisterError(`${where} 不是台账密钥：应是 32 个随机字节的 base64（例如 node -e "console.log(require('crypto').randomBytes(32).toString('base64'))" 的输出）`, KEY_ENV, 503);
  }
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', bytes, Buffer.alloc(0), info, 32));
  return { id: createHmac('sha256', bytes).update('tiaoli register key id').digest('hex').slice(0, 16), secret: bytes.toString('base64'), encrypt: derive('tiaoli register encrypt'), hash: derive('tiaoli register hash') };
}

export function newSecret(): string {
  return randomBytes(32).toString('base64');
}

function keysOf(current: RegisterKey, previous: RegisterKey[], source: string): RegisterKeys {
  return { current, byId: new Map([current, ...previous].map((k) => [k.id, k])), source };
}

interface KeyFile { current: string; previous?: string[] }

function readKeyFile(path: string): KeyFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new RegisterError(`台账密钥文件 ${path} 读不出来：${(e as Error).message}`, KEY_FILE, 503);
  }
  const file = parsed as Partial<KeyFile> | null;
  if (!file || typeof file.current !== 'string' || (file.previous !== undefined && (!Array.isArray(file.previous) || file.previous.some((p) => typeof p !== 'string')))) {
    throw new RegisterError(`台账密钥文件 ${path} 的格式不对：应是 {"current": "base64", "previous": []}`, KEY_FILE, 503);
  }
  return { current: file.current, previous: file.previous ?? [] };
}

/** Writes a key file 0600 through a temporary file and a rename. */
export function writeKeyFile(path: string, file: KeyFile): void {
  privateFolder(dirname(path));
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'w' });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

export const keyFilePath = (dataFolder: string): string => join(dataFolder, KEY_FILE);

/** The register's keys: from the environment, or the data folder's key file (made when there is none). */
export function loadKeys(dataFolder: string, env: Record<string, string | undefined> = process.env): RegisterKeys {
  const fromEnv = env[KEY_ENV]?.trim();
  if (fromEnv) {
    const previous = (env[PREVIOUS_ENV] ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => keyFromSecret(s, PREVIOUS_ENV));
    return keysOf(keyFromSecret(fromEnv, KEY_ENV), previous, `环境变量 ${KEY_ENV}`);
  }
  const path = keyFilePath(dataFolder);
  if (!existsSync(path)) writeKeyFile(path, { current: newSecret(), previous: [] });
  else if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const file = readKeyFile(path);
  return keysOf(keyFromSecret(file.current, path), (file.previous ?? []).map((s) => keyFromSecret(s, path)), `密钥文件 ${path}`);
}

/** The keys a worker thread is given (their secrets), and the keys again from them. */
export function keySecrets(keys: RegisterKeys): { current: string; all: string[] } {
  return { current: keys.current.secret, all: [...keys.byId.values()].map((k) => k.secret) };
}
export function keysFromSecrets(secrets: { current: string; all: string[] }): RegisterKeys {
  const current = keyFromSecret(secrets.current, 'worker');
  return keysOf(current, secrets.all.map((s) => keyFromSecret(s, 'worker')), 'worker');
}
