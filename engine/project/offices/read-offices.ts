// forms/offices.yaml read and checked: every problem at file:line:column, never a throw,
// whatever the file holds. Ids and keys are looked up as own properties only; a county
// code must be one of the regulation's division codes. Unconfirmed details (an office's
// address, telephone, hours) are warnings: the counter may work, and says so.
import { parseSource, type PathSegment, type Problem } from '../../core/source-file.js';
import { isInheritedName } from '../../core/own.js';
import type { Office, Reconsideration, ReconsiderationAuthority } from './office-model.js';

export interface OfficesRead {
  /** id → office, in file order; only the offices with no problem */
  offices: Map<string, Office>;
  problems: Problem[];
  /** details not confirmed with the office: `tiaoli lint` shows them and passes */
  warnings: Problem[];
  /** id → the first problem of an office that has one (the register names it when asked for that office) */
  broken: Map<string, Problem>;
}

export const OFFICES_FILE = 'offices.yaml';

/** An office id: what the register stores and numbers by. */
export const OFFICE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const OFFICE_KEYS = ['id', 'name', 'county', 'bureau', 'address', 'phone', 'hours', 'numberPrefix', 'confirmed', 'source', 'reconsideration', 'entrustedBy'] as const;
const RECONSIDERATION_KEYS = ['name', 'address', 'basis', 'also', 'earlier'] as const;
const AUTHORITY_KEYS = ['name', 'address', 'basis'] as const;
/** Long enough for any office's name or address; a page is A4. */
const MAX_TEXT = 200;
const MAX_OFFICES = 2000;

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Date);
const get = (o: Obj, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);
const dateText = (x: unknown): string | undefined => (x instanceof Date && !Number.isNaN(x.getTime()) ? x.toISOString().slice(0, 10) : typeof x === 'string' && DATE.test(x) ? x : undefined);

/** A document number's format: at most this long. */
const MAX_FORMAT = 40;
const PLACES = ['{prefix}', '{year}', '{seq}'] as const;

const FILE_KEYS = ['documentNumber', 'documentSeriesNumber', 'documentSeries', 'offices'];
const SERIES_PLACES = ['{prefix}', '{series}', '{year}', '{seq}'] as const;
const PRINT_KIND = /^[a-z][a-z0-9-]{0,39}$/;
/** A series word: one to four characters, no space, brace or bracket (it stands inside the number). */
const SERIES_WORD = /^[^\s{}〔〕()（）]{1,4}$/;

/**
 * `documentSeries` (print kind → series word) and `documentSeriesNumber` (its format, with
 * {prefix}, {series}, {year} and {seq} each once): each document the register numbers has a
 * series of its own per office and year (《行政许可法》 arts. 32, 38: each a written document of
 * its own). Both or neither; two kinds never share a word, so no two documents share a number.
 * undefined: none; null: a problem, said.
 */
function readDocumentSeries(
  data: Obj, problem: (path: PathSegment[], message: string) => void, printKinds?: ReadonlySet<string>,
): { format: string; words: Record<string, string> } | undefined | null {
  const format = get(data, 'documentSeriesNumber');
  const words = get(data, 'documentSeries');
  if (format === undefined && words === undefined) return undefined;
  const example = '如 "{prefix}居{series}字〔{year}〕第{seq}号"：{series} 是 documentSeries 中该文书的序列字';
  if (format === undefined || words === undefined) {
    problem(format === undefined ? ['documentSeries'] : ['documentSeriesNumber'], `documentSeries 与 documentSeriesNumber 要同时写（${example}）`);
    return null;
  }
  if (typeof format !== 'string' || !format.trim() || format.length > MAX_FORMAT || /[\r\n\t]/.test(format)) {
    problem(['documentSeriesNumber'], `documentSeriesNumber 应是一行不超过 ${MAX_FORMAT} 个字的文字（${example}）`);
    return null;
  }
  const missing = SERIES_PLACES.filter((p) => format.split(p).length !== 2);
  if (missing.length) {
    problem(['documentSeriesNumber'], `documentSeriesNumber 中 ${missing.join('、')} 应各出现一次，编号才不会重复（${example}）`);
    return null;
  }
  if (/[{}]/.test(SERIES_PLACES.reduce((rest, p) => rest.replace(p, ''), format))) {
    problem(['documentSeriesNumber'], `documentSeriesNumber 中除 {prefix}、{series}、{year}、{seq} 外不能有花括号（${example}）`);
    return null;
  }
  if (!isObject(words) || Object.keys(words).length === 0) {
    problem(['documentSeries'], 'documentSeries 应是一个映射：打印件（forms/prints/prints.yaml 的名字）→ 它的序列字，如 acceptance: 受');
    return null;
  }
  const out: Record<string, string> = {};
  const used = new Map<string, string>();
  let ok = true;
  for (const [kind, word] of Object.entries(words)) {
    if (!PRINT_KIND.test(kind) || isInheritedName(kind)) {
      problem(['documentSeries', kind], `documentSeries 的 ${JSON.stringify(kind).slice(0, 60)} 不是打印件的名字（小写字母、数字、-）`);
      ok = false;
    } else if (printKinds && !printKinds.has(kind)) {
      problem(['documentSeries', kind], `documentSeries 的 ${kind} 不是 forms/prints/prints.yaml 中的打印件（有：${[...printKinds].join('、')}）`);
      ok = false;
    } else if (typeof word !== 'string' || !SERIES_WORD.test(word)) {
      problem(['documentSeries', kind], `${kind} 的序列字应是一至四个字，不含空格、括号、花括号`);
      ok = false;
    } else if (used.has(word)) {
      problem(['documentSeries', kind], `${kind} 与 ${used.get(word)} 用了同一个序列字 ${word}：两种文书的编号会重复`);
      ok = false;
    } else {
      used.set(word, kind);
      Object.defineProperty(out, kind, { value: word, enumerable: true, writable: false, configurable: false });
    }
  }
  return ok ? { format, words: out } : null;
}

/**
 * The offices file's `documentNumber`: text with each of {prefix}, {year} and {seq} once (so
 * that no two offices, years or decisions get the same number) and no other brace; undefined
 * after saying what is wrong.
 */
function readNumberFormat(value: unknown, problem: (message: string) => void): string | undefined {
  const example = '如 "{prefix}居〔{year}〕{seq}号"：{prefix} 是办证机关的 numberPrefix，{year} 是年份，{seq} 是六位序号';
  if (value === undefined) return void problem(`缺少 documentNumber：文书编号的格式（${example}）`);
  if (typeof value !== 'string' || !value.trim() || value.length > MAX_FORMAT || /[\r\n\t]/.test(value)) {
    return void problem(`documentNumber 应是一行不超过 ${MAX_FORMAT} 个字的文字（${example}）`);
  }
  const missing = PLACES.filter((p) => value.split(p).length !== 2);
  if (missing.length) return void problem(`documentNumber 中 ${missing.join('、')} 应各出现一次，编号才不会重复（${example}）`);
  if (/[{}]/.test(PLACES.reduce((rest, p) => rest.replace(p, ''), value))) return void problem(`documentNumber 中除 {prefix}、{year}、{seq} 外不能有花括号（${example}）`);
  return value;
}

/**
 * `divisions`: the regulation's division codes (vocabulary list `divisions`) a county must be
 * one of; undefined when the rules did not load (then counties are not checked). `printKinds`:
 * the pages forms/prints/prints.yaml defines, which `documentSeries` may number (unchecked when undefined).
 */
export function readOffices(text: string | Uint8Array, file: string, divisions?: ReadonlySet<string>, printKinds?: ReadonlySet<string>): OfficesRead {
  const offices = new Map<string, Office>();
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const broken = new Map<string, Problem>();
  const source = parseSource(file, text);
  if (source.problems.length) return { offices, problems: source.problems, warnings, broken };
  const at = (path: PathSegment[], code: string, message: string, list = problems): void => {
    list.push({ code: `office.${code}`, message, location: source.locate(path) });
  };
  const data = source.data;
  if (!isObject(data) || !Array.isArray(get(data, 'offices'))) {
    at([], 'shape', '办证机关文件应有 offices：一个列表，每项一个办证机关（id、name、county、bureau、address、phone、hours、numberPrefix、confirmed、reconsideration）');
    return { offices, problems, warnings, broken };
  }
  for (const key of Object.keys(data)) if (!FILE_KEYS.includes(key)) at([key], 'unknownKey', `办证机关文件不认识 ${key}（只有 ${FILE_KEYS.join('、')}）`);
  const numberFormat = readNumberFormat(get(data, 'documentNumber'), (message) => at(Object.hasOwn(data, 'documentNumber') ? ['documentNumber'] : [], 'documentNumber', message));
  if (numberFormat === undefined) return { offices, problems, warnings, broken };
  const series = readDocumentSeries(data, (path, message) => at(path, 'documentSeries', message), printKinds);
  if (series === null) return { offices, problems, warnings, broken };
  const list = get(data, 'offices') as unknown[];
  if (list.length > MAX_OFFICES) {
    at(['offices'], 'tooMany', `办证机关太多（${list.length} 个，最多 ${MAX_OFFICES}）`);
    return { offices, problems, warnings, broken };
  }
  const seen = new Map<string, number>();
  const entrustments: Array<{ office: string; by: string; path: PathSegment[] }> = [];
  list.forEach((item, index) => {
    const path: PathSegment[] = ['offices', index];
    const before = problems.length;
    if (!isObject(item)) {
      at(path, 'shape', `第 ${index + 1} 个办证机关应是一个映射（id、name、county……）`);
      return;
    }
    for (const key of Object.keys(item)) {
      if (!(OFFICE_KEYS as readonly string[]).includes(key)) at([...path, key], 'unknownKey', `办证机关不认识 ${key}（可用：${OFFICE_KEYS.join('、')}）`);
    }
    const text = (key: string, nullable = false): string | null | undefined => readText(item, key, [...path, key], nullable);
    const readText = (o: Obj, key: string, where: PathSegment[], nullable: boolean): string | null | undefined => {
      const v = get(o, key);
      if (v === null && nullable) return null;
      if (typeof v !== 'string' || !v.trim()) {
        at(where, 'field', v === undefined ? `缺少 ${key}` : `${key} 应是一段文字${nullable ? '（未核实的写 null）' : ''}`);
        return undefined;
      }
      if (v.length > MAX_TEXT) {
        at(where, 'field', `${key} 太长（${v.length} 个字符，最多 ${MAX_TEXT}）`);
        return undefined;
      }
      return v.trim();
    };
    const id = get(item, 'id');
    let idOk = false;
    if (typeof id !== 'string' || !OFFICE_ID.test(id) || isInheritedName(id)) {
      at([...path, 'id'], 'id', `办证机关的 id ${typeof id === 'string' ? JSON.stringify(id) + ' ' : ''}不可用：只用小写字母、数字和 -（如 qilin-nanning），且不能是内置名`);
    } else if (seen.has(id)) {
      at([...path, 'id'], 'duplicateId', `办证机关 id ${id} 重复（第 ${seen.get(id)! + 1} 个已用）：台账按 id 保存和编号，每个 id 只能有一个机关`);
    } else {
      seen.set(id, index);
      idOk = true;
    }
    const name = text('name');
    const county = get(item, 'county');
    if (typeof county !== 'string' || !/^\d{6}$/.test(county)) at([...path, 'county'], 'county', '县（市、区）代码 county 应是 6 位数字（加引号，如 "110101"）');
    else if (divisions && !divisions.has(county)) at([...path, 'county'], 'county', `县（市、区）代码 ${county} 不在规则的行政区划（divisions）之中`);
    const bureau = text('bureau');
    const address = text('address', true);
    const phone = text('phone', true);
    const hours = text('hours', true);
    const numberPrefix = text('numberPrefix');
    if (typeof numberPrefix === 'string' && (numberPrefix.length > 8 || /[\s{}〔〕]/.test(numberPrefix))) at([...path, 'numberPrefix'], 'field', 'numberPrefix 应是不超过 8 个字的简称，不含空格、括号');
    const confirmed = get(item, 'confirmed');
    if (typeof confirmed !== 'boolean') at([...path, 'confirmed'], 'field', 'confirmed 应是 true 或 false：名称、地址、电话、办公时间是否已向该机关核实');
    const sourceNote = get(item, 'source');
    if (sourceNote !== undefined && typeof sourceNote !== 'string') at([...path, 'source'], 'field', 'source 应是一段文字（资料来源）');
    const reconsideration = readReconsideration(get(item, 'reconsideration'), [...path, 'reconsideration']);
    // 受委托: the id of the office in whose name this one acts (resolved below, once all are read)
    const entrustedBy = get(item, 'entrustedBy');
    if (entrustedBy !== undefined && (typeof entrustedBy !== 'string' || !OFFICE_ID.test(entrustedBy) || isInheritedName(entrustedBy))) {
      at([...path, 'entrustedBy'], 'entrustedBy', 'entrustedBy 应是本文件中另一个办证机关的 id（委托本机关办理、以其名义作出决定的机关）');
    } else if (typeof entrustedBy === 'string' && typeof id === 'string') entrustments.push({ office: id, by: entrustedBy, path: [...path, 'entrustedBy'] });
    if (problems.length > before || !idOk) {
      if (typeof id === 'string' && problems.length > before && !broken.has(id)) broken.set(id, problems[before]);
      return;
    }
    const office: Office = {
      id: id as string, name: name!, county: county as string, bureau: bureau!, address: address!, phone: phone!, hours: hours!,
      numberPrefix: numberPrefix!, numberFormat, ...(series ? { documentSeries: series } : {}), confirmed: confirmed as boolean, ...(typeof sourceNote === 'string' ? { source: sourceNote } : {}), reconsideration: reconsideration!,
    };
    offices.set(office.id, office);
    const unknown = [['地址', address], ['电话', phone], ['办公时间', hours]].filter(([, v]) => v === null).map(([l]) => l);
    if (!office.confirmed || unknown.length) {
      at(path, 'unconfirmed', `办证机关 ${office.name}（${office.id}）${office.confirmed ? '' : '的资料未经核实'}${unknown.length ? `${office.confirmed ? '' : '，'}${unknown.join('、')}未知（文书上留空手写）` : ''}${office.source ? `；来源：${office.source}` : ''}`, warnings);
    }
  });

  for (const { office, by, path } of entrustments) {
    const self = offices.get(office);
    const entruster = offices.get(by);
    if (!self) continue;
    if (!entruster || by === office) {
      at(path, 'entrustedBy', `entrustedBy: ${by} 不是本文件中另一个办证机关的 id`);
      offices.delete(office);
    } else if (entrustments.some((e) => e.office === by)) {
      at(path, 'entrustedBy', `${by} 本身也是受委托的机关：委托机关应是以自己名义作出决定的机关（如县级公安机关）`);
      offices.delete(office);
    } else {
      offices.set(office, { ...self, entrustedBy: { id: entruster.id, name: entruster.name, reconsideration: entruster.reconsideration } });
    }
  }

  function readAuthority(value: unknown, where: PathSegment[], keys: readonly string[]): ReconsiderationAuthority | undefined {
    if (!isObject(value)) {
      at(where, 'reconsideration', '复议机关应有 name、address、basis');
      return undefined;
    }
    for (const key of Object.keys(value)) if (!keys.includes(key)) at([...where, key], 'unknownKey', `复议机关不认识 ${key}（可用：${keys.join('、')}）`);
    const field = (key: string, nullable: boolean): string | null | undefined => {
      const v = get(value, key);
      if (v === null && nullable) return null;
      if (v === undefined && nullable) return null;
      if (typeof v !== 'string' || !v.trim() || v.length > MAX_TEXT) {
        at([...where, key], 'reconsideration', `复议机关的 ${key} 应是一段文字（不超过 ${MAX_TEXT} 字）`);
        return undefined;
      }
      return v.trim();
    };
    const name = field('name', false);
    const address = field('address', true);
    const basis = field('basis', false);
    if (name === undefined || address === undefined || basis === undefined) return undefined;
    return { name: name!, address, basis: basis! };
  }

  function readReconsideration(value: unknown, where: PathSegment[]): Reconsideration | undefined {
    const current = readAuthority(value, where, RECONSIDERATION_KEYS);
    if (!current || !isObject(value)) return undefined;
    const result: Reconsideration = { ...current };
    const also = get(value, 'also');
    if (also !== undefined) {
      const a = readAuthority(also, [...where, 'also'], AUTHORITY_KEYS);
      if (!a) return undefined;
      result.also = a;
    }
    const earlier = get(value, 'earlier');
    if (earlier !== undefined) {
      const e = readAuthority(earlier, [...where, 'earlier'], [...AUTHORITY_KEYS, 'until']);
      const until = isObject(earlier) ? dateText(get(earlier, 'until')) : undefined;
      if (isObject(earlier) && until === undefined) at([...where, 'earlier', 'until'], 'reconsideration', 'earlier.until 应是日期（YYYY-MM-DD）：此日（含）以前作出的决定适用 earlier 的复议机关');
      if (!e || until === undefined) return undefined;
      result.earlier = { ...e, until };
    }
    return result;
  }

  return { offices, problems, warnings, broken };
}
