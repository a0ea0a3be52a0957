// Document numbers: per issuing office and year, 1, 2, 3 … without gaps or duplicates. The
// number is taken inside the transaction that stores the decision (register.ts), so a store
// that fails gives its number back and two counters storing at once never get the same one.

/** `{prefix}居〔{year}〕{seq, 6 digits}号`, e.g. 麒南居〔2026〕000042号 (the prefix is the office's numberPrefix). */
export function formatDocumentNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}居〔${year}〕${String(seq).padStart(6, '0')}号`;
}

/** The year of an instant in China (UTC+8, no daylight saving): documents are numbered by it. */
export function chinaYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();
}
