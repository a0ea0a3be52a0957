// A successor draft: the next version of this project's text (e.g. the measures revised when
// they expire), started from the current one. Its rules are a copy of the current version's
// rules in successors/<id>/rules/, with the new term written where the text states its term
// (the date parameters instruments.yaml names for it, and the same dates in words in the
// articles and the published text); rules/instruments.yaml lists it as a draft, never applied
// until published. Pure: files in (path → text), files out; the caller writes them safely.
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { isInheritedName } from '../../core/own.js';
import { loadRegulationFiles } from '../../model/build-regulation.js';
import { formatProblem } from '../../core/source-file.js';
import type { Regulation } from '../../model/model.js';
import { INSTRUMENTS_FILE, readInstruments } from '../instruments/read-instruments.js';
import type { Instrument, Instruments } from '../instruments/instrument-model.js';

export interface SuccessorSpec { id: string; title: string; from: string; until: string }

/** A field of the request (id, title, from, until, or the project) and what is wrong with it, in Chinese. */
export interface SpecError { field: 'id' | 'title' | 'from' | 'until' | 'project'; message: string }

export type Started = { ok: true; id: string; base: Instrument; files: Record<string, string> } | { ok: false; errors: SpecError[] };

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const INSTRUMENTS_PATH = `rules/${INSTRUMENTS_FILE}`;

const validDate = (d: string): boolean => DATE.test(d) && !Number.isNaN(Date.parse(d)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/** The folder a version's rules are in: rules/ for the project's own, successors/<id>/rules for a later one. */
export const rulesFolder = (i: Instrument): string => (i.project === 'self' ? 'rules' : `${i.project}/rules`);

/** The last version of this project's text (its own, or the last successor), and whether a draft is open. */
export function currentVersion(instruments: Instruments): { current: Instrument; draft?: Instrument } {
  let current = instruments.own;
  for (;;) {
    const next = instruments.list.find((x) => x.succeeds === current.id);
    if (!next) return { current };
    if (next.draft) return { current, draft: next };
    current = next;
  }
}

/** A spec read from a request or the command line: each field a string, or the error naming it. */
export function readSpec(value: { id?: unknown; title?: unknown; from?: unknown; until?: unknown }): { spec?: SuccessorSpec; errors: SpecError[] } {
  const errors: SpecError[] = [];
  const { id, title, from, until } = value;
  if (typeof id !== 'string' || !ID.test(id) || id.length > 60 || isInheritedName(id)) errors.push({ field: 'id', message: '编号只用小写字母、数字和 -（如 qujing-2022），不超过 60 个字符' });
  if (typeof title !== 'string' || !title.trim() || title.length > 200 || [...title].some((c) => c.charCodeAt(0) < 0x20)) errors.push({ field: 'title', message: '名称应是一行不超过 200 个字的文字' });
  if (typeof from !== 'string' || !validDate(from)) errors.push({ field: 'from', message: '施行之日应是日期 YYYY-MM-DD' });
  if (typeof until !== 'string' || !validDate(until)) errors.push({ field: 'until', message: '有效期最后一日应是日期 YYYY-MM-DD' });
  else if (typeof from === 'string' && validDate(from) && until < from) errors.push({ field: 'until', message: `有效期最后一日 ${until} 早于施行之日 ${from}` });
  return errors.length ? { errors } : { spec: { id: id as string, title: (title as string).trim(), from: from as string, until: until as string }, errors };
}

/** "2017 年 10 月 9 日" in any spacing, with or without leading zeros: a pattern for one date in words. */
function dateWordsPattern(date: string): RegExp {
  const [y, m, d] = date.split('-').map(Number);
  return new RegExp(`${y}\\s*年\\s*0?${m}\\s*月\\s*0?${d}\\s*日`, 'g');
}
const dateWords = (date: string): string => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y} 年 ${m} 月 ${d} 日`;
};

/** The date parameters instruments.yaml names for an instrument's term ({ param: NAME }), if any. */
export function termParameters(instrumentsText: string, index: number): { from?: string; until?: string } {
  const doc = parseDocument(instrumentsText);
  const at = (end: 'from' | 'until'): string | undefined => {
    const v = doc.getIn(['instruments', index, 'inForce', end, 'param']);
    return typeof v === 'string' ? v : undefined;
  };
  return { from: at('from'), until: at('until') };
}

/**
 * A rules folder's files (relative to it) with a new term: each term parameter's values made
 * one, the new date, and the old term's dates in words replaced by the new ones in every text.
 * `regulation`: those rules, to find which parameters file holds each parameter.
 */
export function withTerm(files: ReadonlyMap<string, string>, regulation: Regulation, params: { from?: string; until?: string }, old: { from: string; until?: string }, next: { from: string; until: string }): Map<string, string> {
  const out = new Map(files);
  for (const [end, name] of Object.entries(params) as Array<['from' | 'until', string | undefined]>) {
    if (name === undefined || !Object.hasOwn(regulation.parameters, name)) continue;
    const file = [...out.keys()].find((p) => p.startsWith('parameters/') && parseDocument(out.get(p)!).has(name));
    if (!file) continue;
    const doc = parseDocument(out.get(file)!);
    const values = doc.createNode({ [next.from]: next[end] });
    doc.setIn([name, 'values'], values);
    out.set(file, doc.toString());
  }
  // the text states its term in words too (e.g. “本办法自 2017 年 10 月 9 日起施行，有效期至 2022 年 10 月 8 日”)
  const swaps: Array<[RegExp, string]> = [[dateWordsPattern(old.from), dateWords(next.from)]];
  if (old.until !== undefined) swaps.push([dateWordsPattern(old.until), dateWords(next.until)]);
  for (const [path, text] of out) {
    let changed = text;
    for (const [pattern, words] of swaps) changed = changed.replace(pattern, words);
    if (changed !== text) out.set(path, changed);
  }
  return out;
}

function setTitle(text: string, title: string): string {
  const doc = parseDocument(text);
  doc.set('title', title);
  // not promulgated yet: the draft has no promulgation number of its own
  if (doc.has('promulgation')) doc.delete('promulgation');
  return doc.toString();
}

function appendInstrument(doc: Document, entry: Record<string, unknown>): void {
  const node = doc.createNode(entry);
  for (const key of ['territory', 'inForce']) {
    const inner = isMap(node) ? node.get(key, true) : undefined;
    if (inner && (isMap(inner) || isSeq(inner))) inner.flow = true;
  }
  doc.addIn(['instruments'], node);
}

const below = (files: Record<string, string>, dir: string): Map<string, string> =>
  new Map(Object.entries(files).filter(([p]) => p.startsWith(`${dir}/`)).map(([p, t]) => [p.slice(dir.length + 1), t]));

/**
 * The files of a new draft: its rules (a copy of the current version's, with the new term and
 * title) and rules/instruments.yaml listing it as a draft. `files`: the project's files;
 * `regulation`: its own rules. Nothing is returned unless the draft's rules load and the
 * instruments file reads without a problem.
 */
export function startSuccessor(files: Record<string, string>, regulation: Regulation, spec: SuccessorSpec): Started {
  const fail = (field: SpecError['field'], message: string): Started => ({ ok: false, errors: [{ field, message }] });
  if (!Object.hasOwn(files, INSTRUMENTS_PATH)) return fail('project', `本项目没有 ${INSTRUMENTS_PATH}：先声明它据以决定的规范性文件，才能起草后续版本`);
  const instrumentsText = files[INSTRUMENTS_PATH]!;
  const read = readInstruments(instrumentsText, INSTRUMENTS_PATH, regulation);
  if (!read.instruments) return fail('project', `${INSTRUMENTS_PATH} 有错误：${read.problems.map(formatProblem).join('；')}`);
  const instruments = read.instruments;
  if (instruments.list.some((i) => i.id === spec.id)) return fail('id', `编号 ${spec.id} 已被使用`);
  if (Object.keys(files).some((p) => p.startsWith(`successors/${spec.id}/`))) return fail('id', `successors/${spec.id}/ 已有文件`);
  const { current, draft } = currentVersion(instruments);
  if (draft) return fail('project', `已有未发布的草案 ${draft.id}（《${draft.title}》）：先发布它，或删去它`);
  if (current.until === undefined) return fail('project', `《${current.title}》没有有效期的最后一日：后续版本无从接续`);
  if (spec.from <= current.until) return fail('from', `施行之日应晚于《${current.title}》有效期的最后一日 ${current.until}`);

  const baseDir = rulesFolder(current);
  const baseFiles = new Map([...below(files, baseDir)].filter(([p]) => p !== INSTRUMENTS_FILE && !p.startsWith('mappings/') && !p.startsWith('population/')));
  const baseRules = current.project === 'self' ? { regulation } : loadRegulationFiles(baseDir, baseFiles, baseDir);
  if (!baseRules.regulation) return fail('project', `《${current.title}》的规则（${baseDir}）有错误，不能据以起草`);
  // the term is written where the own text states it: the parameters its instruments.yaml entry names
  const params = termParameters(instrumentsText, instruments.list.indexOf(instruments.own));
  const copied = withTerm(baseFiles, baseRules.regulation, params, { from: current.from, until: current.until }, spec);
  if (copied.has('regulation.yaml')) copied.set('regulation.yaml', setTitle(copied.get('regulation.yaml')!, spec.title));

  const dir = `successors/${spec.id}/rules`;
  const built = loadRegulationFiles(dir, copied, dir);
  if (!built.regulation || built.problems.length) return fail('project', `草案的规则无法载入：${built.problems.slice(0, 5).map(formatProblem).join('；')}`);

  const doc = parseDocument(instrumentsText);
  const own = instruments.own;
  appendInstrument(doc, {
    id: spec.id, title: spec.title, level: own.level, territory: [...own.territory],
    inForce: { from: spec.from, until: spec.until },
    ...(own.implements === undefined ? {} : { implements: own.implements }),
    succeeds: current.id, project: `successors/${spec.id}`, draft: true,
  });
  const nextText = doc.toString();
  const check = readInstruments(nextText, INSTRUMENTS_PATH, regulation);
  if (!check.instruments) return fail('project', `写入 ${INSTRUMENTS_PATH} 后有错误：${check.problems.map(formatProblem).join('；')}`);

  const out: Record<string, string> = {};
  for (const [p, t] of copied) out[`${dir}/${p}`] = t;
  out[INSTRUMENTS_PATH] = nextText;
  return { ok: true, id: spec.id, base: current, files: out };
}

/** rules/instruments.yaml with the draft `id` published (its `draft: true` taken out), or why not. */
export function publishSuccessor(instrumentsText: string, regulation: Regulation, id: string): { text: string } | { error: string } {
  const read = readInstruments(instrumentsText, INSTRUMENTS_PATH, regulation);
  if (!read.instruments) return { error: `${INSTRUMENTS_PATH} 有错误：${read.problems.map(formatProblem).join('；')}` };
  const index = read.instruments.list.findIndex((i) => i.id === id);
  if (index < 0) return { error: `没有后续版本 ${id}` };
  const instrument = read.instruments.list[index]!;
  if (instrument.succeeds === undefined) return { error: `${id} 不是后续版本` };
  if (!instrument.draft) return { error: `${id}（《${instrument.title}》）已经发布` };
  const doc = parseDocument(instrumentsText);
  doc.deleteIn(['instruments', index, 'draft']);
  const text = doc.toString();
  const check = readInstruments(text, INSTRUMENTS_PATH, regulation);
  if (!check.instruments) return { error: `发布后 ${INSTRUMENTS_PATH} 有错误：${check.problems.map(formatProblem).join('；')}` };
  return { text };
}

/** The drafts of an instruments file's text (ids with `draft: true`), read leniently: a text that does not parse has none. */
function draftsOf(text: string): { drafts: Set<string>; ids: Set<string> } {
  const drafts = new Set<string>();
  const ids = new Set<string>();
  let data: unknown;
  try {
    data = parseDocument(text).toJS({ maxAliasCount: 100 });
  } catch {
    return { drafts, ids };
  }
  const list = data && typeof data === 'object' && Object.hasOwn(data, 'instruments') ? (data as Record<string, unknown>).instruments : undefined;
  for (const item of Array.isArray(list) ? list : []) {
    if (!item || typeof item !== 'object' || !Object.hasOwn(item, 'id')) continue;
    const id = String((item as Record<string, unknown>).id);
    ids.add(id);
    if (Object.hasOwn(item, 'draft') && (item as Record<string, unknown>).draft === true) drafts.add(id);
  }
  return { drafts, ids };
}

/** The drafts a new text of rules/instruments.yaml publishes (a draft before, listed and no longer a draft after): only legal review publishes. */
export function draftsPublished(before: string, after: string): string[] {
  const old = draftsOf(before);
  const next = draftsOf(after);
  return [...old.drafts].filter((id) => next.ids.has(id) && !next.drafts.has(id));
}
