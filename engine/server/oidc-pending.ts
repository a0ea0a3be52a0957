// Sign-ins on their way through the identity provider: what each began with (state, nonce,
// PKCE verifier, where to return), kept in this process under the SHA-256 of a random value
// the browser holds in a cookie, for at most PENDING_MINUTES, and given out once. A callback
// without that cookie — another browser, a link someone was sent, a code replayed — finds
// nothing. At most MAX_PENDING at once: a flood of started sign-ins pushes out the oldest.
import { createHash, randomBytes } from 'node:crypto';
import type { Pending } from '../accounts/oidc-client.js';

export const PENDING_MINUTES = 10;
const MAX_PENDING = 1000;

const hashOf = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

export class PendingSignIns {
  private readonly byHash = new Map<string, { pending: Pending; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps `pending`; the value for the browser's cookie. */
  put(pending: Pending): string {
    const value = randomBytes(32).toString('base64url');
    const at = this.now();
    for (const [key, entry] of this.byHash) if (entry.until <= at) this.byHash.delete(key);
    while (this.byHash.size >= MAX_PENDING) this.byHash.delete(this.byHash.keys().next().value!);
    this.byHash.set(hashOf(value), { pending, until: at + PENDING_MINUTES * 60_000 });
    return value;
  }

  /** The sign-in the cookie's value began, once; undefined when unknown, used or expired. */
  take(value: string | undefined): Pending | undefined {
    if (!value || !/^[A-Za-z0-9_-]{43}$/.test(value)) return undefined;
    const key = hashOf(value);
    const entry = this.byHash.get(key);
    this.byHash.delete(key);
    return entry && entry.until > this.now() ? entry.pending : undefined;
  }
}
