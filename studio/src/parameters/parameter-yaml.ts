// Edits one parameter's dated values in its YAML file so that only the lines edited change:
// each edit is worked out on the yaml Document (what the file must mean afterwards), then
// made as a splice of the source text at the edited node's position (yaml's node ranges),
// so comments, quoting, `[a, b]` against `[ a, b ]` and the order of everything else stay
// as the person wrote them. When a splice could not say what the Document says (a shape
// no splice covers), the Document's own rendering is used: the meaning is never wrong.
import { isMap, isNode, isScalar, isSeq, parse, parseDocument, stringify, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';

function valuesMap(doc: Document, name: string): YAMLMap {
  const node = doc.getIn([name, 'values'], true);
  if (!isMap(node)) throw new Error(`参数 ${name} 没有 values`);
  return node;
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function pairAt(map: YAMLMap, from: string): Pair<Scalar, unknown> {
  const pair = map.items.find((p) => keyOf(p) === from);
  if (!pair) throw new Error(`没有自 ${from} 起的值`);
  return pair as Pair<Scalar, unknown>;
}

function parsed(text: string): Document {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error('文件有 YAML 语法错误，请先在规则编辑中修正');
  return doc;
}

// ---- positions in the text --------------------------------------------------------------

const rangeOf = (node: unknown): [number, number, number] => {
  const range = (node as Node | null)?.range;
  if (!range) throw new NoSplice();
  return range;
};
const lineStart = (text: string, at: number): number => text.lastIndexOf('\n', at - 1) + 1;
/** The offset just past the end of the line holding `at` (past its newline, if any). */
const lineEnd = (text: string, at: number): number => {
  const n = text.indexOf('\n', at);
  return n < 0 ? text.length : n + 1;
};
/** Past the line on which the node's value ends (a trailing comment on it included). */
const endOfNodeLine = (text: string, node: unknown): number => lineEnd(text, Math.max(rangeOf(node)[1] - 1, rangeOf(node)[0]));
const indentAt = (text: string, at: number): string => text.slice(lineStart(text, at), at);

interface Splice { from: number; to: number; insert: string }

function applySplices(text: string, splices: Splice[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.from - a.from)) {
    // an insertion at the very end of a file without a final newline starts a line of its own
    const insert = s.from === out.length && s.from > 0 && !out.endsWith('\n') && s.insert.length ? `\n${s.insert}` : s.insert;
    out = out.slice(0, s.from) + insert + out.slice(s.to);
  }
  return out;
}

class NoSplice extends Error {}

// ---- values as source text ----------------------------------------------------------------

/** A scalar as it is written inline, in the quoting of the scalar it replaces. */
function scalarText(value: unknown, like?: Scalar): string {
  if (typeof value === 'string') {
    if (like?.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
    if (like?.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
    const plain = stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
    return plain.includes('\n') ? JSON.stringify(value) : plain;
  }
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new NoSplice();
}

const isPlainList = (value: unknown): value is unknown[] => Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object');

/** A value written after `key: ` on one line, or undefined when it needs lines of its own. */
function inlineText(value: unknown): string | undefined {
  if (isPlainList(value)) return `[${value.map((v) => scalarText(v)).join(', ')}]`;
  if (value === null || typeof value !== 'object') return scalarText(value);
  return undefined;
}

/** `key: value` at `indent`, on as many lines as the value needs, ending in a newline. */
function pairLines(indent: string, key: string, value: unknown): string {
  const inline = inlineText(value);
  if (inline !== undefined) return `${indent}${scalarText(key)}: ${inline}\n`;
  return stringify({ [key]: value }, { lineWidth: 0, flowCollectionPadding: false }).split('\n').filter((l) => l !== '').map((l) => `${indent}${l}\n`).join('');
}

// ---- the splices of each edit -------------------------------------------------------------

const itemValue = (item: unknown): unknown => (isScalar(item) ? item.value : item);

/** A list value: kept items keep their text, dropped ones go with their line, new ones come last. */
function listSplices(text: string, seq: YAMLSeq, value: unknown[]): Splice[] {
  const [start, end] = rangeOf(seq);
  const kept = seq.items.filter((item) => value.includes(itemValue(item)));
  const have = kept.map(itemValue);
  const added = value.filter((v) => !have.includes(v));
  if (seq.flow) {
    const source = text.slice(start, end);
    if (source.includes('\n') || source.includes('#')) throw new NoSplice();
    const pad = /^\[ /.test(source) ? ' ' : '';
    const items = [...kept.map((item) => text.slice(rangeOf(item)[0], rangeOf(item)[1])), ...added.map((v) => scalarText(v))];
    return [{ from: start, to: end, insert: items.length ? `[${pad}${items.join(', ')}${pad}]` : '[]' }];
  }
  if (!kept.length) throw new NoSplice(); // an empty block list has to become `[]`
  const splices: Splice[] = seq.items.filter((item) => !kept.includes(item)).map((item) => ({ from: lineStart(text, rangeOf(item)[0]), to: endOfNodeLine(text, item), insert: '' }));
  if (added.length) {
    const last = seq.items.at(-1)!;
    const dash = text.lastIndexOf('-', rangeOf(last)[0]);
    const indent = indentAt(text, dash);
    const at = endOfNodeLine(text, last);
    splices.push({ from: at, to: at, insert: added.map((v) => `${indent}- ${scalarText(v)}\n`).join('') });
  }
  return splices;
}

function valueSplices(text: string, pair: Pair<Scalar, unknown>, value: unknown): Splice[] {
  const node = pair.value;
  if (Array.isArray(value) && isSeq(node) && isPlainList(value)) return listSplices(text, node, value);
  if (isScalar(node) && (value === null || typeof value !== 'object')) {
    const [start, end] = rangeOf(node);
    return [{ from: start, to: end, insert: scalarText(value, node) }];
  }
  throw new NoSplice();
}

/**
 * One edit of a file: `change` says on the Document what the file must mean afterwards,
 * `splices` how to get there by touching only the lines edited. The splice is taken when it
 * means exactly what the Document means; otherwise the Document is written out whole.
 */
function edit(text: string, change: (doc: Document) => void, splices: (doc: Document) => Splice[]): string {
  const reference = parsed(text);
  change(reference);
  const rendered = (): string => reference.toString({ lineWidth: 0, flowCollectionPadding: false });
  let spliced: string;
  try {
    spliced = applySplices(text, splices(parsed(text)));
  } catch (e) {
    if (e instanceof NoSplice) return rendered();
    throw e;
  }
  const same = (() => {
    try {
      return JSON.stringify(parse(spliced)) === JSON.stringify(reference.toJS());
    } catch {
      return false;
    }
  })();
  return same ? spliced : rendered();
}

// ---- the edits ------------------------------------------------------------------------------

/** A list keeps its items (and their comments) that stay, and gains the new ones at the end. */
function setValueNode(doc: Document, pair: Pair<Scalar, unknown>, value: unknown): void {
  if (Array.isArray(value) && isSeq(pair.value)) {
    const seq = pair.value;
    seq.items = seq.items.filter((item) => value.includes(itemValue(item)));
    const have = seq.items.map(itemValue);
    for (const v of value) if (!have.includes(v)) seq.items.push(doc.createNode(v));
    return;
  }
  if (isScalar(pair.value) && !Array.isArray(value)) {
    pair.value.value = value;
    return;
  }
  const node = doc.createNode(value);
  if (isSeq(node)) node.flow = true;
  pair.value = node;
}

export function setParameterValue(text: string, name: string, from: string, value: unknown): string {
  return edit(
    text,
    (doc) => setValueNode(doc, pairAt(valuesMap(doc, name), from), value),
    (doc) => valueSplices(text, pairAt(valuesMap(doc, name), from), value),
  );
}

/** Ticks (or unticks) one code of a list value, on the list as the file has it now. */
export function setListCode(text: string, name: string, from: string, code: string, on: boolean): string {
  const current = readParameterValues(text, name)?.find((v) => v.from === from)?.value;
  const list = Array.isArray(current) ? current : [];
  if (list.includes(code) === on) return text;
  return setParameterValue(text, name, from, on ? [...list, code] : list.filter((v) => v !== code));
}

export function setParameterDate(text: string, name: string, from: string, newFrom: string): string {
  const check = (doc: Document) => {
    const map = valuesMap(doc, name);
    if (from !== newFrom && map.items.some((p) => keyOf(p) === newFrom)) throw new Error(`已有自 ${newFrom} 起的值`);
    return pairAt(map, from);
  };
  return edit(
    text,
    (doc) => { check(doc).key.value = newFrom; },
    (doc) => {
      const key = check(doc).key;
      const [start, end] = rangeOf(key);
      return [{ from: start, to: end, insert: scalarText(newFrom, key) }];
    },
  );
}

export function addParameterValue(text: string, name: string, from: string, value: unknown): string {
  const check = (doc: Document) => {
    const map = valuesMap(doc, name);
    if (map.items.some((p) => keyOf(p) === from)) throw new Error(`已有自 ${from} 起的值`);
    return map;
  };
  return edit(
    text,
    (doc) => {
      const map = check(doc);
      const node = doc.createNode(value);
      if (isSeq(node)) node.flow = true;
      map.add(doc.createPair(from, node));
      map.items.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
    },
    (doc) => {
      const map = check(doc);
      if (map.flow || !map.items.length) throw new NoSplice();
      const indent = indentAt(text, rangeOf(map.items[0].key)[0]);
      const next = map.items.find((p) => keyOf(p).localeCompare(from) > 0);
      const at = next ? lineStart(text, rangeOf(next.key)[0]) : endOfNodeLine(text, map.items.at(-1)!.value ?? map.items.at(-1)!.key);
      return [{ from: at, to: at, insert: pairLines(indent, from, value) }];
    },
  );
}

export function removeParameterValue(text: string, name: string, from: string): string {
  const check = (doc: Document) => {
    const map = valuesMap(doc, name);
    if (map.items.length <= 1) throw new Error('参数至少要有一个值');
    return map;
  };
  return edit(
    text,
    (doc) => {
      const map = check(doc);
      map.items = map.items.filter((p) => keyOf(p) !== from);
    },
    (doc) => {
      const map = check(doc);
      if (map.flow) throw new NoSplice();
      const i = map.items.findIndex((p) => keyOf(p) === from);
      if (i < 0) throw new Error(`没有自 ${from} 起的值`);
      const pair = map.items[i];
      const next = map.items[i + 1];
      const to = next ? lineStart(text, rangeOf(next.key)[0]) : endOfNodeLine(text, pair.value ?? pair.key);
      return [{ from: lineStart(text, rangeOf(pair.key)[0]), to, insert: '' }];
    },
  );
}

/**
 * A new code for a list parameter, in one edit of its file: its name under `labels:` (which
 * adds it to the parameter's vocabulary list) and the code at the end of the latest value.
 * Every form, the case schema and the notices take it from there.
 */
export function addCodeToParameter(text: string, name: string, code: string, label: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(code)) throw new Error(`代码 ${code} 只能由字母、数字、_ 和 - 组成，且以字母或数字开头`);
  if (!label.trim()) throw new Error('请填写名称');
  const latestOf = (doc: Document) => [...valuesMap(doc, name).items].sort((a, b) => keyOf(a).localeCompare(keyOf(b))).at(-1)!;
  const withLabel = edit(
    text,
    (doc) => {
      valuesMap(doc, name);
      if (doc.hasIn([name, 'labels', code])) throw new Error(`参数 ${name} 已有代码 ${code}`);
      const param = doc.getIn([name], true) as YAMLMap;
      if (!doc.hasIn([name, 'labels'])) {
        // before `values:`, where a reader looks for the names of what the list holds
        const at = param.items.findIndex((p) => keyOf(p) === 'values');
        param.items.splice(at < 0 ? param.items.length : at, 0, doc.createPair('labels', doc.createNode({})));
      }
      doc.setIn([name, 'labels', code], label.trim());
    },
    (doc) => {
      if (doc.hasIn([name, 'labels', code])) throw new Error(`参数 ${name} 已有代码 ${code}`);
      const param = doc.getIn([name], true);
      if (!isMap(param) || param.flow) throw new NoSplice();
      const labels = doc.getIn([name, 'labels'], true);
      if (isMap(labels) && !labels.flow && labels.items.length) {
        const last = labels.items.at(-1)!;
        const at = endOfNodeLine(text, last.value ?? last.key);
        return [{ from: at, to: at, insert: pairLines(indentAt(text, rangeOf(labels.items[0].key)[0]), code, label.trim()) }];
      }
      if (labels !== undefined) throw new NoSplice();
      const values = param.items.find((p) => keyOf(p) === 'values');
      if (!values) throw new NoSplice();
      const indent = indentAt(text, rangeOf(values.key)[0]);
      const at = lineStart(text, rangeOf(values.key)[0]);
      return [{ from: at, to: at, insert: `${indent}labels:\n${pairLines(`${indent}  `, code, label.trim())}` }];
    },
  );
  const latest = latestOf(parsed(withLabel));
  const value = isSeq(latest.value) ? latest.value.items.map(itemValue) : [];
  if (value.includes(code)) return withLabel;
  return setParameterValue(withLabel, name, keyOf(latest), [...value, code]);
}

/**
 * The dated values of a parameter as its file says now (the draft being typed), for the
 * fields to show: the model, rebuilt after each edit, follows; the fields never wait for it.
 * Undefined when the file cannot be read as YAML (then the model's last good values show).
 */
export function readParameterValues(text: string | undefined, name: string): Array<{ from: string; value: unknown }> | undefined {
  if (text === undefined) return undefined;
  const doc = readCache.get(text) ?? parseDocument(text);
  readCache.set(text, doc);
  if (readCache.size > 32) readCache.delete(readCache.keys().next().value!);
  if (doc.errors.length) return undefined;
  const map = doc.getIn([name, 'values'], true);
  if (!isMap(map)) return undefined;
  try {
    return map.items
      .map((p) => ({ from: keyOf(p), value: isNode(p.value) ? p.value.toJS(doc) : (p.value ?? null) }))
      .sort((a, b) => a.from.localeCompare(b.from));
  } catch {
    return undefined; // an alias that expands too far, or to nothing: the rule editor shows why
  }
}

/** the files' texts as last read, so a page of fields parses each file once per edit */
const readCache = new Map<string, Document>();
