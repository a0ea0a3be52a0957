// Edits one parameter's dated values in its YAML file, through the yaml Document API, so
// that comments, order and layout of everything else stay as they were.
import { isMap, isScalar, isSeq, parseDocument, type Document, type Pair, type Scalar, type YAMLMap } from 'yaml';

function valuesMap(doc: Document, name: string): YAMLMap {
  const node = doc.getIn([name, 'values'], true);
  if (!isMap(node)) throw new Error(`参数 ${name} 没有 values`);
  return node;
}

function pairAt(map: YAMLMap, from: string): Pair<Scalar, unknown> {
  const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === from);
  if (!pair) throw new Error(`没有自 ${from} 起的值`);
  return pair as Pair<Scalar, unknown>;
}

function edit(text: string, change: (doc: Document) => void): string {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error('文件有 YAML 语法错误，请先在规则编辑中修正');
  change(doc);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** A list keeps its items (and their comments) that stay, and gains the new ones at the end. */
function setValueNode(doc: Document, pair: Pair<Scalar, unknown>, value: unknown): void {
  if (Array.isArray(value) && isSeq(pair.value)) {
    const seq = pair.value;
    seq.items = seq.items.filter((item) => value.includes(isScalar(item) ? item.value : item));
    const have = seq.items.map((item) => (isScalar(item) ? item.value : item));
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
  return edit(text, (doc) => setValueNode(doc, pairAt(valuesMap(doc, name), from), value));
}

export function setParameterDate(text: string, name: string, from: string, newFrom: string): string {
  return edit(text, (doc) => {
    const map = valuesMap(doc, name);
    if (from !== newFrom && map.items.some((p) => isScalar(p.key) && String(p.key.value) === newFrom)) throw new Error(`已有自 ${newFrom} 起的值`);
    pairAt(map, from).key.value = newFrom;
  });
}

export function addParameterValue(text: string, name: string, from: string, value: unknown): string {
  return edit(text, (doc) => {
    const map = valuesMap(doc, name);
    if (map.items.some((p) => isScalar(p.key) && String(p.key.value) === from)) throw new Error(`已有自 ${from} 起的值`);
    const node = doc.createNode(value);
    if (isSeq(node)) node.flow = true;
    map.add(doc.createPair(from, node));
    map.items.sort((a, b) => String((a.key as Scalar).value).localeCompare(String((b.key as Scalar).value)));
  });
}

export function removeParameterValue(text: string, name: string, from: string): string {
  return edit(text, (doc) => {
    const map = valuesMap(doc, name);
    if (map.items.length <= 1) throw new Error('参数至少要有一个值');
    map.items = map.items.filter((p) => !(isScalar(p.key) && String(p.key.value) === from));
  });
}

/**
 * A new code for a list parameter, in one edit of its file: its name under `labels:` (which
 * adds it to the parameter's vocabulary list) and the code at the end of the latest value.
 * Every form, the case schema and the notices take it from there.
 */
export function addCodeToParameter(text: string, name: string, code: string, label: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(code)) throw new Error(`代码 ${code} 只能由字母、数字、_ 和 - 组成，且以字母或数字开头`);
  if (!label.trim()) throw new Error('请填写名称');
  return edit(text, (doc) => {
    const map = valuesMap(doc, name);
    if (doc.hasIn([name, 'labels', code])) throw new Error(`参数 ${name} 已有代码 ${code}`);
    const param = doc.getIn([name], true) as YAMLMap;
    if (!doc.hasIn([name, 'labels'])) {
      // before `values:`, where a reader looks for the names of what the list holds
      const at = param.items.findIndex((p) => isScalar(p.key) && p.key.value === 'values');
      param.items.splice(at < 0 ? param.items.length : at, 0, doc.createPair('labels', doc.createNode({})));
    }
    doc.setIn([name, 'labels', code], label.trim());
    const latest = [...map.items].sort((a, b) => String((a.key as Scalar).value).localeCompare(String((b.key as Scalar).value))).at(-1)!;
    const value = isSeq(latest.value) ? latest.value.items.map((i) => (isScalar(i) ? i.value : i)) : [];
    if (!value.includes(code)) setValueNode(doc, latest as Pair<Scalar, unknown>, [...value, code]);
  });
}
