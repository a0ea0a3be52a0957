// rules/instruments.yaml read and checked: every problem at file:line:column, never a throw.
// Names are looked up as own properties or in Maps; a project path is relative and plain
// (the file names another project's rules to load, nothing is executed).
import { parseSource, type PathSegment, type Problem } from '../../core/source-file.js';
import { isInheritedName, own } from '../../core/own.js';
import { casePaths } from '../../model/case/case-paths.js';
import type { Regulation } from '../../model/model.js';
import type { Instrument, InstrumentLevel, Instruments } from './instrument-model.js';

export const INSTRUMENTS_FILE = 'instruments.yaml';

const LEVELS: readonly InstrumentLevel[] = ['national', 'provincial', 'municipal'];
const TOP_KEYS = ['date', 'outside', 'instruments'] as const;
const INSTRUMENT_KEYS = ['id', 'title', 'promulgation', 'level', 'territory', 'inForce', 'implements', 'project', 'mapping', 'succeeds', 'draft'] as const;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DIVISION = /^\d{6}$/;
/** a relative path of plain names ('..' allowed), no drive, no backslash, no control character */
const RELATIVE = /^(?:\.\.?\/)*(?:[A-Za-z0-9_.-]+\/)*[A-Za-z0-9_.-]+\/?$/;
const MAX_TEXT = 200;
/** where a successor's rules are: successors/<its id> inside this project */
const SUCCESSOR_PROJECT = /^successors\/[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_INSTRUMENTS = 50;

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Date);
const dateText = (x: unknown): string | undefined => (x instanceof Date && !Number.isNaN(x.getTime()) ? x.toISOString().slice(0, 10) : typeof x === 'string' && DATE.test(x) && !Number.isNaN(Date.parse(x)) ? x : undefined);

export interface InstrumentsRead {
  instruments?: Instruments;
  problems: Problem[];
}

/**
 * `regulation`: this project's rules, when they loaded (then the date fact and the
 * interpretation named under `outside` are checked against them).
 */
export function readInstruments(text: string | Uint8Array, file: string, regulation?: Regulation): InstrumentsRead {
  const source = parseSource(file, text);
  if (source.problems.length) return { problems: source.problems };
  const problems: Problem[] = [];
  const at = (path: PathSegment[], code: string, message: string, target: 'value' | 'key' = 'value'): void => {
    problems.push({ code: `instruments.${code}`, message, location: source.locate(path, target) });
  };
  const data = source.data;
  if (!isObject(data) || !Array.isArray(own(data, 'instruments'))) {
    at([], 'shape', '规范性文件清单应有 instruments：一个列表，每项一件文件（id、title、level、territory、inForce、project……）');
    return { problems };
  }
  for (const key of Object.keys(data)) if (!(TOP_KEYS as readonly string[]).includes(key)) at([key], 'unknownKey', `不认识 ${key}（只有 ${TOP_KEYS.join('、')}）`, 'key');

  const text1 = (o: Obj, key: string, path: PathSegment[], required = true): string | undefined => {
    const v = own(o, key);
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || !v.trim() || v.length > MAX_TEXT || [...v].some((ch) => ch.charCodeAt(0) < 0x20)) {
      at([...path, key], 'field', v === undefined ? `缺少 ${key}` : `${key} 应是一行不超过 ${MAX_TEXT} 个字的文字`);
      return undefined;
    }
    return v.trim();
  };

  /**
   * A day of an instrument's term: a date, or `{ param: NAME }`, a date parameter of this
   * project's rules (the text states it once, in parameters/; its last dated value, the term as
   * last amended).
   */
  const termDate = (value: unknown, path: PathSegment[], name: string): string | undefined => {
    if (isObject(value) && Object.keys(value).length === 1 && Object.hasOwn(value, 'param')) {
      const param = own(value, 'param');
      const spec = regulation ? own(regulation.parameters, param) : undefined;
      if (!regulation) return undefined;
      if (!spec || spec.type !== 'date' || !spec.values.length) {
        at([...path, 'param'], 'param', `${name}：${JSON.stringify(param)} 不是本项目的日期参数（parameters/ 中 type: date 的参数）`);
        return undefined;
      }
      const last = dateText(spec.values[spec.values.length - 1].value);
      if (!last) at([...path, 'param'], 'param', `${name}：参数 ${String(param)} 的值不是日期`);
      return last;
    }
    const date = dateText(value);
    if (!date) at(path, 'inForce', `${name} 应是日期 YYYY-MM-DD，或 { param: 本项目的日期参数 }`);
    return date;
  };

  // date: which case fact's date chooses the instrument
  let date: Instruments['date'] | undefined;
  const d = own(data, 'date');
  if (!isObject(d)) at(Object.hasOwn(data, 'date') ? ['date'] : [], 'date', '缺少 date：{ fact: 决定依据的日期事实（如 asOf）, label: 这一天叫什么 }');
  else {
    for (const key of Object.keys(d)) if (key !== 'fact' && key !== 'label') at(['date', key], 'unknownKey', `date 不认识 ${key}（只有 fact、label）`, 'key');
    const fact = text1(d, 'fact', ['date']);
    const label = text1(d, 'label', ['date']);
    if (fact !== undefined && regulation && fact !== 'asOf' && !casePaths(regulation.caseSchema).has(fact)) {
      at(['date', 'fact'], 'unknownFact', `date.fact ${fact} 不是案件的事实（asOf 或 case.schema.yaml 中的路径）`);
    } else if (fact !== undefined && label !== undefined) date = { fact, label };
  }

  const list = own(data, 'instruments') as unknown[];
  if (list.length === 0 || list.length > MAX_INSTRUMENTS) {
    at(['instruments'], 'count', `instruments 应有 1 至 ${MAX_INSTRUMENTS} 件文件`);
    return { problems };
  }
  const byId = new Map<string, Instrument>();
  const instruments: Instrument[] = [];
  list.forEach((item, index) => {
    const path: PathSegment[] = ['instruments', index];
    if (!isObject(item)) return void at(path, 'shape', `第 ${index + 1} 件应是一个映射（id、title、level……）`);
    for (const key of Object.keys(item)) if (!(INSTRUMENT_KEYS as readonly string[]).includes(key)) at([...path, key], 'unknownKey', `不认识 ${key}（可用：${INSTRUMENT_KEYS.join('、')}）`, 'key');
    const before = problems.length;
    const id = own(item, 'id');
    if (typeof id !== 'string' || !ID.test(id) || isInheritedName(id)) at([...path, 'id'], 'id', `id ${typeof id === 'string' ? JSON.stringify(id) + ' ' : ''}不可用：只用小写字母、数字和 -（如 national-2016）`);
    else if (byId.has(id)) at([...path, 'id'], 'duplicateId', `id ${id} 重复`);
    const title = text1(item, 'title', path);
    const promulgation = text1(item, 'promulgation', path, false);
    const level = own(item, 'level');
    if (typeof level !== 'string' || !(LEVELS as readonly string[]).includes(level)) at([...path, 'level'], 'level', `level 应是 ${LEVELS.join('、')} 之一`);
    const territory = own(item, 'territory');
    if (!Array.isArray(territory) || !territory.length || territory.length > 400) at([...path, 'territory'], 'territory', 'territory 应是行政区划代码的列表（六位数字；000000 为全国）');
    else territory.forEach((c, i) => { if (typeof c !== 'string' || !DIVISION.test(c)) at([...path, 'territory', i], 'territory', `行政区划代码应是带引号的六位数字，如 "110000"`); });
    const term = own(item, 'inForce');
    let from: string | undefined;
    let until: string | undefined;
    if (!isObject(term)) at([...path, 'inForce'], 'inForce', '缺少 inForce：{ from: 施行之日, until: 有效期最后一日（可省略） }');
    else {
      for (const key of Object.keys(term)) if (key !== 'from' && key !== 'until') at([...path, 'inForce', key], 'unknownKey', `inForce 不认识 ${key}（只有 from、until）`, 'key');
      from = termDate(own(term, 'from'), [...path, 'inForce', 'from'], 'inForce.from');
      if (Object.hasOwn(term, 'until')) {
        until = termDate(own(term, 'until'), [...path, 'inForce', 'until'], 'inForce.until');
        if (from && until && until < from) at([...path, 'inForce', 'until'], 'inForce', `有效期最后一日 ${until} 早于施行之日 ${from}`);
      }
    }
    const implementsId = text1(item, 'implements', path, false);
    const project = text1(item, 'project', path);
    if (project !== undefined && project !== 'self' && (!RELATIVE.test(project) || project.length > MAX_TEXT)) {
      at([...path, 'project'], 'project', 'project 应是 self（本项目的规则），或另一个项目目录的相对路径（如 projects/national-2016 或 ../national，只用字母、数字、_ . - 和 /）');
    }
    const mapping = text1(item, 'mapping', path, false);
    if (mapping !== undefined && (!RELATIVE.test(mapping) || mapping.startsWith('.') || !/\.ya?ml$/.test(mapping))) {
      at([...path, 'mapping'], 'mapping', 'mapping 应是 rules/ 下一个 YAML 文件的相对路径（如 mappings/national-2016.yaml）');
    }
    const succeeds = text1(item, 'succeeds', path, false);
    const draft = own(item, 'draft');
    if (draft !== undefined && typeof draft !== 'boolean') at([...path, 'draft'], 'draft', 'draft 应是 true（草案，未发布）或 false');
    if (succeeds !== undefined && (project === 'self' || project === undefined || !SUCCESSOR_PROJECT.test(project) || project !== `successors/${String(id)}`)) {
      at([...path, 'project'], 'project', `后续版本的规则在本项目的 successors/${typeof id === 'string' ? id : '<id>'} 中：project 应是 successors/${typeof id === 'string' ? id : '<id>'}`);
    }
    if (succeeds !== undefined && mapping !== undefined) at([...path, 'mapping'], 'mapping', '后续版本与它取代的文件用同一套用语，不需要 mapping');
    if (draft !== undefined && succeeds === undefined) at([...path, 'draft'], 'draft', '只有后续版本（succeeds）可以是草案');
    if (project !== undefined && project !== 'self' && mapping === undefined && succeeds === undefined && !problems.slice(before).length) {
      at([...path, 'project'], 'mapping', `依另一个项目的规则决定本项目的案件，需要 mapping：本项目的事实按它的用语怎样读`);
    }
    if (problems.length > before || typeof id !== 'string' || !title || !from || !project) return;
    const instrument: Instrument = {
      id, title, level: level as InstrumentLevel, territory: territory as string[], from, project,
      at: { project: source.locate([...path, 'project']), ...(mapping === undefined ? {} : { mapping: source.locate([...path, 'mapping']) }) },
      ...(promulgation === undefined ? {} : { promulgation }), ...(until === undefined ? {} : { until }),
      ...(implementsId === undefined ? {} : { implements: implementsId }), ...(mapping === undefined ? {} : { mapping }),
      ...(succeeds === undefined ? {} : { succeeds }), ...(draft === true ? { draft: true } : {}),
    };
    byId.set(id, instrument);
    instruments.push(instrument);
  });
  if (problems.length) return { problems };

  instruments.forEach((instrument, index) => {
    if (instrument.implements === undefined) return;
    if (!byId.has(instrument.implements)) at(['instruments', index, 'implements'], 'implements', `implements ${instrument.implements} 不是本清单中的文件（可用：${[...byId.keys()].join('、')}）`);
    else if (instrument.implements === instrument.id) at(['instruments', index, 'implements'], 'implements', '一件文件不能实施它自己');
  });
  // a successor replaces an instrument of this list and starts after it ends: two versions of one text never both in force
  instruments.forEach((instrument, index) => {
    if (instrument.succeeds === undefined) return;
    const old = byId.get(instrument.succeeds);
    if (!old) return void at(['instruments', index, 'succeeds'], 'succeeds', `succeeds ${instrument.succeeds} 不是本清单中的文件（可用：${[...byId.keys()].join('、')}）`);
    if (old.id === instrument.id) return void at(['instruments', index, 'succeeds'], 'succeeds', '一件文件不能取代它自己');
    if (old.until === undefined) at(['instruments', index, 'succeeds'], 'succeeds', `${old.id} 没有有效期的最后一日：后续版本无从接续`);
    else if (instrument.from <= old.until) at(['instruments', index, 'inForce', 'from'], 'inForce', `后续版本的施行之日 ${instrument.from} 应晚于 ${old.id} 的有效期最后一日 ${old.until}：同一文件的两个版本不能同时施行`);
    const others = instruments.filter((x) => x !== instrument && x.succeeds === instrument.succeeds);
    if (others.length) at(['instruments', index, 'succeeds'], 'succeeds', `${instrument.succeeds} 已有后续版本 ${others.map((x) => x.id).join('、')}：一件文件只能有一个后续版本（可再取代后续版本）`);
  });
  // a chain of superiors ends (no instrument implements, through others, itself)
  for (const [index, instrument] of instruments.entries()) {
    const seen = new Set<string>();
    for (let at2: Instrument | undefined = instrument; at2?.implements !== undefined; at2 = byId.get(at2.implements)) {
      if (seen.has(at2.id)) { at(['instruments', index, 'implements'], 'implements', `上位法链条成环：${[...seen, at2.id].join(' → ')}`); break; }
      seen.add(at2.id);
    }
  }
  const own1 = instruments.filter((i) => i.project === 'self');
  if (own1.length !== 1) {
    at(['instruments'], 'self', own1.length ? `只能有一件文件是本项目自己的规则（project: self），现有 ${own1.map((i) => i.id).join('、')}` : '应有一件文件是本项目自己的规则（project: self）');
    return { problems };
  }

  let outside: Instruments['outside'];
  const o = own(data, 'outside');
  if (o !== undefined) {
    if (!isObject(o)) at(['outside'], 'outside', 'outside 应是 { interpretation, superior, none }');
    else {
      for (const key of Object.keys(o)) if (!['interpretation', 'superior', 'none'].includes(key)) at(['outside', key], 'unknownKey', `outside 不认识 ${key}（只有 interpretation、superior、none）`, 'key');
      const interpretation = text1(o, 'interpretation', ['outside']);
      const superior = text1(o, 'superior', ['outside']);
      const none = text1(o, 'none', ['outside']);
      if (interpretation !== undefined && superior !== undefined && none !== undefined) {
        const spec = regulation ? own(regulation.interpretations, interpretation) : undefined;
        if (regulation && !spec) at(['outside', 'interpretation'], 'interpretation', `解释 ${interpretation} 不在 rules/interpretations/ 中`);
        else if (spec) {
          const ids = spec.alternatives.flatMap((a) => (a.id === undefined ? [] : [a.id]));
          if (!ids.includes(superior)) at(['outside', 'superior'], 'alternative', `解释 ${interpretation} 没有读法 ${superior}（可选：${ids.join('、') || '无'}）`);
          if (!ids.includes(none)) at(['outside', 'none'], 'alternative', `解释 ${interpretation} 没有读法 ${none}（可选：${ids.join('、') || '无'}）`);
        }
        outside = { interpretation, superior, none };
      }
    }
  }
  if (problems.length || !date) return { problems };
  return { instruments: { date, list: instruments, own: own1[0], ...(outside ? { outside } : {}) }, problems };
}
