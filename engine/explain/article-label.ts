// "12.3" → 第十二条第三款; "18.1.9" → 第十八条第一款第（九）项.
const DIGITS = '零一二三四五六七八九';

export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return String(n);
}

/** Each reference's words, made once: every trace names the articles of every rule. */
const labelOfRef = new Map<string, string>();

export function articleLabel(ref: string): string {
  let label = labelOfRef.get(ref);
  if (label === undefined) {
    const [article, paragraph, item] = refNumbers(ref);
    label = `第${chineseNumber(article)}条`;
    if (paragraph) label += `第${chineseNumber(paragraph)}款`;
    if (item) label += `第（${chineseNumber(item)}）项`;
    if (labelOfRef.size >= KEEP_REFS) labelOfRef.clear();
    labelOfRef.set(ref, label);
  }
  return label;
}

/** Each reference's numbers, split once: a regulation has a few hundred references, sorted again and again. */
const numbersOfRef = new Map<string, number[]>();
const KEEP_REFS = 10_000;
function refNumbers(ref: string): number[] {
  let numbers = numbersOfRef.get(ref);
  if (!numbers) {
    numbers = ref.split('.').map(Number);
    if (numbersOfRef.size >= KEEP_REFS) numbersOfRef.clear();
    numbersOfRef.set(ref, numbers);
  }
  return numbers;
}

/** Sort article references in the regulation's order: 2 < 10.1 < 10.2 < 11. */
export function compareArticleRefs(a: string, b: string): number {
  const pa = refNumbers(a);
  const pb = refNumbers(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}
