// `{ $codes: LIST }` in the case schema stands for `{ enum: [every code of LIST] }`, so that
// the codes a case may use are the vocabulary's and never a second hand-kept copy: a code
// added to the list (or named by a parameter) is accepted at once.
import type { Vocabulary } from './model.js';
import type { PathSegment, Problem, SourceFile } from '../core/source-file.js';
import { own } from '../core/own.js';

export function expandCodeLists(schema: unknown, vocabulary: Vocabulary, source: SourceFile, problems: Problem[]): unknown {
  const visit = (node: unknown, path: PathSegment[]): unknown => {
    if (Array.isArray(node)) return node.map((n, i) => visit(n, [...path, i]));
    if (!node || typeof node !== 'object') return node;
    // entries, not assignments: a key `__proto__` stays a key (Object.fromEntries)
    return Object.fromEntries(Object.entries(node).map(([key, value]): [string, unknown] => {
      if (key !== '$codes') return [key, visit(value, [...path, key])];
      const list = own(vocabulary.lists, value);
      if (list) return ['enum', Object.keys(list)];
      problems.push({ code: 'vocabulary.unknownList', message: `$codes: ${String(value)} 不是词汇清单；已有：${Object.keys(vocabulary.lists).join('、') || '无'}（regulation.yaml vocabulary.lists）`, location: source.locate([...path, key]) });
      return ['enum', []];
    }));
  };
  return visit(schema, []);
}
