// A YAML file read with its source positions, so that every error can name file:line:column.
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Document, type Node } from 'yaml';

export type PathSegment = string | number;

export interface Location { file: string; line: number; column: number }

export interface Problem {
  code: string;
  message: string;
  location: Location;
}

export function formatProblem(p: Problem): string {
  return `${p.location.file}:${p.location.line}:${p.location.column}: ${p.message} [${p.code}]`;
}

export class ProblemsError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export interface SourceFile {
  file: string;
  text: string;
  data: unknown;
  /** The position of the value at `path`, or of its nearest existing parent. */
  locate(path: readonly PathSegment[]): Location;
  problems: Problem[];
}

/** A source with no positions, for data that came as JSON (a line of --jsonl, an API call). */
export function plainSource(name: string, data: unknown): SourceFile {
  return { file: name, text: '', data, problems: [], locate: () => ({ file: name, line: 1, column: 1 }) };
}

export function parseSource(file: string, text: string): SourceFile {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): Location => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const problems: Problem[] = [...doc.errors, ...doc.warnings].map((e) => ({
    code: `yaml.${e.code}`,
    message: `YAML 语法错误：${e.message.split('\n')[0]}`,
    location: position(e.pos[0]),
  }));
  const locate = (path: readonly PathSegment[]): Location => {
    let node: unknown = doc.contents;
    let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
    for (const segment of path) {
      let next: unknown;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && String(isScalar(item.key) ? item.key.value : item.key) === String(segment));
        if (pair && isPair(pair)) {
          next = pair.value;
          const keyRange = (pair.key as Node | null)?.range;
          if (!next && keyRange) offset = keyRange[0];
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
  const data = problems.length ? undefined : doc.toJS({ maxAliasCount: 100 });
  return { file, text, data, locate, problems };
}

