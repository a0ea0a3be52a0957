// A date as a printed page gives it.

/** 2019-09-16 → 2019年9月16日; anything else → a blank to fill in by hand */
export function chineseDate(date: unknown): string {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return '＿＿年＿＿月＿＿日';
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
