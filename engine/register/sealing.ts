// Personal data at rest: a stored case, its decision document (whose trace quotes the case)
// and the decisions are encrypted (AES-256-GCM, a fresh 12-byte nonce each, the key's id and
// the column as associated data, so a value cannot be moved to another column or key). An ID
// number is found again by its keyed hash (HMAC-SHA256), never by itself: neither stands in
// the database, its write-ahead log or a log in plain text.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { RegisterError } from './database.js';
import type { RegisterKey, RegisterKeys } from './register-key.js';

const VERSION = 1;

export type SealedColumn = 'case' | 'document' | 'decisions';

export function seal(key: RegisterKey, column: SealedColumn, value: unknown): Buffer {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.encrypt, nonce);
  cipher.setAAD(Buffer.from(`${key.id}|${column}`));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
}

export function unseal<T>(keys: RegisterKeys, keyId: string, column: SealedColumn, sealed: Uint8Array): T {
  const key = keys.byId.get(keyId);
  if (!key) throw new RegisterError(`这条登记是用另一把密钥（id ${keyId}）加密的，${keys.source} 中没有它：请找回那把密钥（见 tiaoli register rotate-key 的说明）`, 'key', 503);
  const bytes = Buffer.from(sealed);
  if (bytes[0] !== VERSION || bytes.length < 29) throw new RegisterError('台账中的一条加密记录已损坏', 'key', 503);
  const decipher = createDecipheriv('aes-256-gcm', key.encrypt, bytes.subarray(1, 13));
  decipher.setAAD(Buffer.from(`${key.id}|${column}`));
  decipher.setAuthTag(bytes.subarray(13, 29));
  let text: string;
  try {
    text = Buffer.concat([decipher.update(bytes.subarray(29)), decipher.final()]).toString('utf8');
  } catch {
    throw new RegisterError('台账中的一条加密记录无法解密（记录被改动过，或密钥不对）', 'key', 503);
  }
  return JSON.parse(text) as T;
}

/** The keyed hash an ID number is searched by (upper case, trimmed). */
export function idHash(key: RegisterKey, idNumber: string): string {
  return createHmac('sha256', key.hash).update(`idNumber:${idNumber.trim().toUpperCase()}`).digest('hex');
}

/** The keyed hash of what a request stored, to tell a retry from another store under the same request id. */
export function requestHash(key: RegisterKey, what: unknown): string {
  return createHmac('sha256', key.hash).update(`request:${JSON.stringify(what)}`).digest('hex');
}
