// "Today" for a decision is the date in Qujing, not in UTC: before 08:00 China time the UTC
// date is still yesterday. Every place that defaults a date to today asks here.
const CHINA = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) in Asia/Shanghai at the instant `now` (default: the clock). */
export function chinaToday(now: Date = new Date()): string {
  const part = (type: string): string => CHINA.formatToParts(now).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
