// A stored decision as it may be shown to anyone but an unmasking 法制审核: every ID number and
// telephone masked, as a whole value (personal-data.ts) and inside a longer text too — a
// trace line such as `residentIdBirthDate(idNumber = 510104198905050369)` quotes the number.
import { maskIdNumber, maskPersonalData, maskPhone } from './personal-data.js';

// a run of digits standing alone (not part of a hash or a longer number)
const EMBEDDED = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15}|(?:\+?86[- ]?)?1\d{10}|0\d{2,3}-\d{7,8})(?![0-9A-Za-z])/g;

export function maskEmbedded(text: string): string {
  return text.replace(EMBEDDED, (m) => (/^\d{15}$|^\d{17}[\dXx]$/.test(m) ? maskIdNumber(m) : maskPhone(m)));
}

function walk(value: unknown): unknown {
  if (typeof value === 'string') return maskEmbedded(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
  return value;
}

/** A copy of any JSON value with every ID number and telephone in it masked, wherever it stands. */
export function maskThroughout<T>(value: T): T {
  return walk(maskPersonalData(value)) as T;
}
