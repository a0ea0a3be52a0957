// Secrets compared in constant time: both sides hashed first, so neither the content nor
// the length of the expected value leaks through how long a comparison takes.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

export function sameSecret(given: string | undefined | null, expected: string): boolean {
  return typeof given === 'string' && timingSafeEqual(digest(given), digest(expected));
}

/** 24 random bytes, URL-safe: a per-start session secret or a generated token. */
export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}
