// The processing notice (个人信息处理告知, 《个人信息保护法》第十七条、第三十五条): its words are
// the project's YAML, forms/prints/personal-information.yaml — a title, the law it rests on
// and its paragraphs — shown under every counter form and at the foot of every printed page.
// Read here, checked with file:line:column, never executed.
import type { Problem } from '../../core/source-file.js';
import { parseSource } from '../../core/source-file.js';

/** Its place among the print files (relative to forms/prints/). */
export const PROCESSING_NOTICE_FILE = 'personal-information.yaml';

export interface ProcessingNotice { title: string; basis: string; paragraphs: string[] }

const MAX_TEXT = 2000;

export function readProcessingNotice(text: string, file: string): { notice?: ProcessingNotice; problems: Problem[] } {
  const source = parseSource(file, text);
  if (source.problems.length) return { problems: source.problems };
  const data = source.data;
  const problem = (path: (string | number)[], message: string): { problems: Problem[] } => ({ problems: [{ code: 'print.processingNotice', message, location: source.locate(path, 'key') }] });
  if (!data || typeof data !== 'object' || Array.isArray(data)) return problem([], `${file} 应是一个映射：title（标题）、basis（法律依据）、paragraphs（各段文字）`);
  const own = (key: string): unknown => (Object.hasOwn(data, key) ? (data as Record<string, unknown>)[key] : undefined);
  for (const key of Object.keys(data)) if (!['title', 'basis', 'paragraphs'].includes(key)) return problem([key], `未知的键 ${key.slice(0, 40)}：个人信息处理告知只有 title、basis、paragraphs`);
  for (const key of ['title', 'basis']) {
    const v = own(key);
    if (typeof v !== 'string' || !v.trim()) return problem([key], `缺少 ${key}（文字）`);
    if (v.length > 200) return problem([key], `${key} 过长（最多 200 字）`);
  }
  const paragraphs = own('paragraphs');
  if (!Array.isArray(paragraphs) || paragraphs.length === 0) return problem(['paragraphs'], 'paragraphs 应是一段或几段文字的列表（告知处理者、目的、方式、种类、保存期限、权利，第十七条）');
  for (const [i, p] of paragraphs.entries()) {
    if (typeof p !== 'string' || !p.trim()) return problem(['paragraphs', i], `paragraphs 第 ${i + 1} 项应是一段文字`);
    if (p.length > MAX_TEXT) return problem(['paragraphs', i], `paragraphs 第 ${i + 1} 项过长（最多 ${MAX_TEXT} 字）`);
  }
  return { notice: { title: (own('title') as string).trim(), basis: (own('basis') as string).trim(), paragraphs: (paragraphs as string[]).map((p) => p.trim()) }, problems: [] };
}

/** The notice among the print files (path relative to forms/prints/ → text), or null when there is none or it is broken (the lint says why). */
export function processingNoticeIn(files: ReadonlyMap<string, string>, shownAs = 'forms'): ProcessingNotice | null {
  const text = files.get(PROCESSING_NOTICE_FILE);
  return text === undefined ? null : readProcessingNotice(text, `${shownAs}/prints/${PROCESSING_NOTICE_FILE}`).notice ?? null;
}
