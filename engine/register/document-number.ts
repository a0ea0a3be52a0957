// Document numbers: per issuing office and year, 1, 2, 3 … without gaps or duplicates. The
// number is taken inside the transaction that stores the decision (register.ts), so a store
// that fails gives its number back and two counters storing at once never get the same one.

/**
 * A document number by the offices file's `documentNumber` format: `{prefix}` the office's
 * numberPrefix, `{year}` the year, `{seq}` the number in six digits — e.g. with
 * `{prefix}居〔{year}〕{seq}号`, 麒南居〔2026〕000042号. The format is text with three places
 * filled in, never evaluated (read-offices.ts checks it has each place once and no other braces).
 */
export function formatDocumentNumber(format: string, prefix: string, year: number, seq: number): string {
  return format.replace(/\{(prefix|year|seq)\}/g, (_, place: string) => (place === 'prefix' ? prefix : place === 'year' ? String(year) : String(seq).padStart(6, '0')));
}

/**
 * A document's own number by the offices file's `documentSeriesNumber` format (e.g.
 * `{prefix}居{series}字〔{year}〕第{seq}号` → 麒南居受字〔2026〕第000001号): the same places as
 * above and `{series}`, the document's series word; filled in, never evaluated.
 */
export function formatSeriesNumber(format: string, prefix: string, series: string, year: number, seq: number): string {
  return format.replace(/\{(prefix|series|year|seq)\}/g, (_, place: string) =>
    (place === 'prefix' ? prefix : place === 'series' ? series : place === 'year' ? String(year) : String(seq).padStart(6, '0')));
}

/** The year of an instant in China (UTC+8, no daylight saving): documents are numbered by it. */
export function chinaYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();
}
