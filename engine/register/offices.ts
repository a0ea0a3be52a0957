// The issuing office a decision is stored and numbered under, from the project's
// forms/offices.yaml (a list under `offices:`, each with an ASCII `id`, `name` and the
// `numberPrefix` of its document numbers). Only what the register needs is read here.
import { parseSource, type Problem } from '../core/source-file.js';

export const OFFICES_FILE = 'forms/offices.yaml';

export interface RegisterOffice { id: string; name: string; numberPrefix: string }

export const OFFICE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The office `id` in the offices file's text, or a problem at file:line:column saying why not. */
export function findOffice(source: string | Uint8Array | undefined, file: string, id: string): { office?: RegisterOffice; problem?: Problem } {
  const none = { code: 'register.office', message: `没有 ${file}：登记前要有发证单位的清单（每个单位的 id、name、numberPrefix）`, location: { file, line: 1, column: 1 } };
  if (source === undefined) return { problem: none };
  const parsed = parseSource(file, source);
  const at = (message: string, path: (string | number)[] = []) => ({ problem: { code: 'register.office', message, location: parsed.locate(path) } });
  if (parsed.problems.length) return { problem: parsed.problems[0] };
  const data = parsed.data;
  const list = data && typeof data === 'object' && Object.hasOwn(data, 'offices') ? (data as { offices: unknown }).offices : undefined;
  if (!Array.isArray(list)) return at(`${file} 要有 offices: 一个单位清单`);
  const ids: string[] = [];
  for (const [i, entry] of list.entries()) {
    if (!entry || typeof entry !== 'object' || !Object.hasOwn(entry, 'id')) continue;
    const e = entry as Record<string, unknown>;
    if (typeof e.id !== 'string') continue;
    ids.push(e.id);
    if (e.id !== id) continue;
    const name = Object.hasOwn(e, 'name') ? text(e.name) : undefined;
    const numberPrefix = Object.hasOwn(e, 'numberPrefix') ? text(e.numberPrefix) : undefined;
    if (!numberPrefix) return at(`单位 ${id} 没有 numberPrefix（文书编号的前缀，如“麒南”）`, ['offices', i]);
    if (numberPrefix.length > 16) return at(`单位 ${id} 的 numberPrefix 过长（最多 16 个字）`, ['offices', i, 'numberPrefix']);
    return { office: { id, name: name ?? id, numberPrefix } };
  }
  return at(`${file} 中没有 id 为 ${JSON.stringify(id).slice(0, 80)} 的单位${ids.length ? `；有：${ids.slice(0, 20).join('、')}` : ''}`, ['offices']);
}
