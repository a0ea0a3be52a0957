// A YAML file read with its source positions, so that every error can name file:line:column.
import { LineCounter, parseDocument, isAlias, isMap, isSeq, isScalar, isPair, type Document, type Node } from 'yaml';
import { checkText, decodeText } from './decode-text.js';
import { readableLimits, tooDeepAt } from './yaml-limits.js';
import { findHidden, hiddenMessage, pathText, type HiddenFound } from './hidden-characters.js';

export { formatProblem, ProblemsError, type Location, type PathSegment, type Problem } from './problems.js';
import type { Location, PathSegment, Problem } from './problems.js';

export type LocateTarget = 'value' | 'key';

export interface SourceFile {
  file: string;
  text: string;
  data: unknown;
  /**
   * The position of the value at `path`, or of its nearest existing parent. With `'key'`,
   * the position of the key that names the last segment (an unknown or misspelt key is
   * shown on its own line, not on the line its value starts or at its parent).
   */
  locate(path: readonly PathSegment[], target?: LocateTarget): Location;
  problems: Problem[];
}

/** A source with no positions, for data that came as JSON (a line of --jsonl, an API call). */
export function plainSource(name: string, data: unknown): SourceFile {
  return { file: name, text: '', data, problems: [], locate: () => ({ file: name, line: 1, column: 1 }) };
}

/**
 * A YAML text (or the bytes of a file, which must be UTF-8) with its positions. Never
 * throws: encodings, alias bombs, deep nesting, unknown tags and oversize files come back
 * as problems at file:line:column, and then `data` is undefined.
 */
export function parseSource(file: string, input: string | Uint8Array): SourceFile {
  const decoded = typeof input === 'string' ? checkText(file, input) : decodeText(file, input);
  const text = decoded.text ?? '';
  const refused = (problems: Problem[]): SourceFile => ({ file, text, data: undefined, problems, locate: () => problems[0].location });
  if (decoded.text === undefined) return refused(decoded.problems);
  const before = readBefore?.find(text);
  if (before) return withoutHidden({ file, text, data: before.data, problems: [], locate: (path) => locateIn(file, text, before.positions, path) });
  return withoutHidden(readYaml(file, text));
}

/**
 * A hidden character written as an escape ("\u202E" in double quotes): checkText saw none in
 * the text itself, the value holds one. Refused at the value (or key) that holds it.
 */
function withoutHidden(source: SourceFile): SourceFile {
  if (source.problems.length || !source.text.includes('\\')) return source;
  const found = findHidden(source.data);
  if (!found) return source;
  const problems = [hiddenProblem(found, source)];
  return { ...source, data: undefined, problems, locate: () => problems[0].location };
}

/** A hidden character found in data, at the field that holds it. */
export function hiddenProblem(found: HiddenFound, source: SourceFile): Problem {
  return {
    code: 'text.hiddenCharacter',
    message: `${pathText(found.path)}${found.inKey ? ' 的名字' : ''}${hiddenMessage(found.char)}`,
    location: source.locate(found.path, found.inKey ? 'key' : 'value'),
  };
}

/** Where each value of a YAML text starts (character offsets), in the shape of its data. */
export interface Positions {
  /** the value's offset, or -1 when it has none (a path through it stops at its parent) */
  at: number;
  /** a map's values by key; a number is the offset of a key with no value */
  keys?: Record<string, Positions | number>;
  items?: Positions[];
}

/** A YAML text read before: its data and the positions its `locate` answers from. */
export interface KnownSource {
  data: unknown;
  positions: Positions;
}

/**
 * YAML texts read before (Node: `npm run build` keeps the project's own rules and forms, see
 * engine/cli/precompiled-sources.ts), found by the exact text: a text edited since has no
 * entry and is read as usual. Each `find` returns fresh data.
 */
export interface KnownSources {
  find(text: string): KnownSource | undefined;
}

let readBefore: KnownSources | undefined;
let recorder: ((text: string, read: KnownSource) => void) | undefined;

export function useKnownSources(known: KnownSources | undefined): void {
  readBefore = known;
}

/** Calls `record` for every YAML text read without a problem from now on (the build). */
export function recordReadSources(record: ((text: string, read: KnownSource) => void) | undefined): void {
  recorder = record;
}

/** The positions of every value of a document, as `locate` walks them. */
function positionsOf(node: unknown): Positions {
  const range = (node as Node | null | undefined)?.range;
  const at: Positions = { at: range ? range[0] : -1 };
  if (isMap(node)) {
    at.keys = {};
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = String(isScalar(item.key) ? item.key.value : item.key);
      if (Object.hasOwn(at.keys, key)) continue; // the first pair of a key is the one found
      const keyRange = (item.key as Node | null)?.range;
      at.keys[key] = item.value ? positionsOf(item.value) : keyRange ? keyRange[0] : -1;
    }
  } else if (isSeq(node)) {
    at.items = node.items.map(positionsOf);
  }
  return at;
}

/** `locate` of a text read before: the same walk as readYaml's, over its positions. */
export function locateIn(file: string, text: string, positions: Positions, path: readonly PathSegment[]): Location {
  let node = positions;
  let offset = positions.at < 0 ? 0 : positions.at;
  for (const segment of path) {
    let next: Positions | undefined;
    if (node.keys) {
      const key = String(segment);
      const entry = Object.hasOwn(node.keys, key) ? node.keys[key] : undefined;
      if (typeof entry === 'number') {
        if (entry >= 0) offset = entry;
      } else next = entry;
    } else if (node.items) {
      next = node.items[Number(segment)];
    }
    if (!next || next.at < 0) break;
    node = next;
    offset = next.at;
  }
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    start = i + 1;
  }
  return { file, line, column: offset - start + 1 };
}

function readYaml(file: string, text: string): SourceFile {
  const refused = (problems: Problem[]): SourceFile => ({ file, text, data: undefined, problems, locate: () => problems[0].location });
  const limits = readableLimits(file, text);
  if (limits.length) return refused(limits);

  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): Location => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const errors = [...doc.errors, ...doc.warnings];
  const exhausted = errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  const problems: Problem[] = exhausted
    ? [tooDeepAt(position(exhausted.pos[0]))]
    : errors.slice(0, MAX_SYNTAX_PROBLEMS).map((e) => ({
      code: `yaml.${e.code}`,
      message: e.code === 'DUPLICATE_KEY'
        ? `键 ${/^("[^"\n]*"|'[^'\n]*'|[^:\n]+)/.exec(text.slice(e.pos[0]))?.[0].trim() ?? '（此处）'} 重复：同一层中已有这个键（后写的覆盖先写的），请删去或合并其中一处`
        : `YAML 语法错误：${e.message.split('\n')[0]}`,
      location: position(e.pos[0]),
    }));
  // a key written twice is reported, and the file still read (the later one counts): one slip, one problem
  const blocking = (): boolean => problems.some((p) => p.code !== 'yaml.DUPLICATE_KEY');
  if (!exhausted && errors.length > MAX_SYNTAX_PROBLEMS) {
    problems.push({ code: 'yaml.moreErrors', message: `另有 ${errors.length - MAX_SYNTAX_PROBLEMS} 处 YAML 语法错误未列出`, location: problems[problems.length - 1].location });
  }
  if (!blocking()) problems.push(...nodeProblems(doc, position));
  const locate = (path: readonly PathSegment[], target: LocateTarget = 'value'): Location => {
    let node: unknown = doc.contents;
    let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
    for (const [i, segment] of path.entries()) {
      let next: unknown;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && String(isScalar(item.key) ? item.key.value : item.key) === String(segment));
        if (pair && isPair(pair)) {
          next = pair.value;
          const keyRange = (pair.key as Node | null)?.range;
          if (keyRange && (!next || (target === 'key' && i === path.length - 1))) {
            offset = keyRange[0];
            break;
          }
        }
      } else if (isSeq(node)) {
        next = node.items[Number(segment)];
      }
      const range = (next as Node | null | undefined)?.range;
      if (!next || !range) break;
      node = next;
      offset = range[0];
    }
    return position(offset);
  };
  let data: unknown;
  if (!blocking()) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      // yaml throws for an alias that would expand past maxAliasCount ("billion laughs")
      // and for an alias to an anchor defined later; neither may end in a stack trace.
      const bomb = /resource exhaustion|excessive alias/i.test((e as Error).message);
      const unresolved = bomb ? undefined : findNode(doc, (n) => isAlias(n) && !n.resolve(doc));
      const alias = unresolved ?? findNode(doc, isAlias);
      const at = position(alias?.range?.[0] ?? 0);
      if (bomb) {
        problems.push({ code: 'yaml.aliasBomb', message: `YAML 别名（*锚点）展开过多（超过 ${MAX_ALIAS_COUNT} 次），疑似“别名炸弹”，拒绝读取`, location: at });
      } else if (unresolved && isAlias(unresolved)) {
        problems.push({ code: 'yaml.badAlias', message: `YAML 别名 *${unresolved.source} 找不到锚点 &${unresolved.source}（锚点须写在别名之前）`, location: at });
      } else {
        problems.push({ code: 'yaml.unreadable', message: `YAML 无法读取：${(e as Error).message.split('\n')[0]}`, location: at });
      }
      data = undefined;
    }
  }
  if (recorder && data !== undefined && !problems.length) recorder(text, { data, positions: positionsOf(doc.contents) });
  return { file, text, data, locate, problems };
}

const MAX_SYNTAX_PROBLEMS = 20;
const MAX_ALIAS_COUNT = 100;
/** Tags whose values are plain data; anything else (!!binary, !!js/function, !!set…) is refused. */
const PLAIN_TAGS: ReadonlySet<string> = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq', 'timestamp'].map((t) => `tag:yaml.org,2002:${t}`));
const MAX_DEPTH = 100;

function findNode(doc: Document, test: (n: unknown) => boolean): Node | undefined {
  let found: Node | undefined;
  walkNodes(doc, (node) => {
    if (!found && test(node)) found = node;
    return !found;
  });
  return found;
}

/** Visits every node, depth first, without recursion (a deep file must not overflow the stack). */
function walkNodes(doc: Document, visit: (node: Node, depth: number) => boolean): void {
  const stack: Array<[unknown, number]> = [[doc.contents, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (isPair(node)) {
      stack.push([node.value, depth], [node.key, depth]);
      continue;
    }
    if (!visit(node as Node, depth)) return;
    if (isMap(node) || isSeq(node)) for (let i = node.items.length - 1; i >= 0; i -= 1) stack.push([node.items[i], depth + 1]);
  }
}

function nodeProblems(doc: Document, position: (offset: number) => Location): Problem[] {
  const problems: Problem[] = [];
  walkNodes(doc, (node, depth) => {
    const at = position(node.range?.[0] ?? 0);
    if (depth > MAX_DEPTH) {
      problems.push(tooDeepAt(at));
      return false;
    }
    if (isAlias(node)) {
      // an alias inside the node it names (&a { self: *a }) would make the data circular
      const target = node.resolve(doc);
      const [start, , end] = target?.range ?? [0, 0, 0];
      const at0 = node.range?.[0] ?? -1;
      if (target && at0 >= start && at0 < end) {
        problems.push({ code: 'yaml.recursiveAlias', message: `YAML 别名 *${node.source} 指向包含它自己的内容（循环引用），拒绝读取`, location: at });
      }
    }
    const tag = (node as { tag?: string }).tag;
    if (tag && !PLAIN_TAGS.has(tag)) {
      problems.push({ code: 'yaml.tag', message: `不支持的 YAML 标签 ${tag.replace('tag:yaml.org,2002:', '!!')}：这里只接受文字、数字、是否、日期、列表和映射`, location: at });
    }
    return problems.length < MAX_SYNTAX_PROBLEMS;
  });
  return problems;
}

