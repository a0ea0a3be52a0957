// A regulation's words: the names the engine shows for facts and values, and the
// regulation's own code lists, each declared by name in regulation.yaml (`vocabulary.lists`)
// or by a parameter whose values are codes of a list (`codes: LIST`, `labels:` its new codes).
// Nothing here knows which lists a regulation has.
import type { CodeEntry, CodeList, ParameterSpec, Vocabulary } from './model.js';
import type { PathSegment, Problem, SourceFile } from '../core/source-file.js';
import { isInheritedName, own } from '../core/own.js';

type Json = Record<string, unknown>;

export function codeEntry(given: unknown): CodeEntry {
  if (typeof given === 'string') return { label: given };
  const { label, description } = given as { label: string; description?: string };
  return description === undefined ? { label } : { label, description };
}

function plainNames(given: unknown, at: PathSegment[], reserved: (name: string, path: PathSegment[]) => boolean): Record<string, string> {
  return Object.fromEntries(Object.entries((given ?? {}) as Json).filter(([k]) => !reserved(k, [...at, k])).map(([k, v]) => [k, String(v)]));
}

/**
 * The vocabulary of regulation.yaml with the codes parameters name added to their lists.
 * `reserved` reports (and refuses) a name such as `constructor` at its path in the manifest.
 */
export function buildVocabulary(
  manifest: Json,
  parameters: Iterable<ParameterSpec>,
  sourceOf: (file: string) => SourceFile | undefined,
  reserved: (name: string, path: PathSegment[]) => boolean,
  problems: Problem[],
): Vocabulary {
  const given = (manifest.vocabulary ?? {}) as Json;
  const lists: Record<string, CodeList> = {};
  for (const [name, codes] of Object.entries((given.lists ?? {}) as Record<string, Json>)) {
    if (reserved(name, ['vocabulary', 'lists', name])) continue;
    lists[name] = Object.fromEntries(
      Object.entries(codes).filter(([code]) => !reserved(code, ['vocabulary', 'lists', name, code])).map(([code, entry]) => [code, codeEntry(entry)]),
    );
  }
  for (const p of parameters) {
    const at = (path: PathSegment[]) => sourceOf(p.file)?.locate([p.name, ...path]) ?? p.location;
    if (p.labels && p.codes === undefined) {
      problems.push({ code: 'vocabulary.labelsWithoutList', message: `参数 ${p.name} 有 labels 但没有写 codes（这些代码属于哪个词汇清单）`, location: at(['labels']) });
    }
    if (p.codes === undefined) continue;
    if (p.type !== 'list') problems.push({ code: 'vocabulary.codesNotList', message: `参数 ${p.name} 不是清单（type: list），不能写 codes`, location: at(['codes']) });
    const list = own(lists, p.codes);
    if (!list) {
      problems.push({ code: 'vocabulary.unknownList', message: `词汇清单 ${p.codes} 未定义（regulation.yaml vocabulary.lists）；已有：${Object.keys(lists).join('、') || '无'}`, location: at(['codes']) });
      continue;
    }
    for (const [code, entry] of Object.entries(p.labels ?? {})) {
      if (isInheritedName(code)) {
        problems.push({ code: 'load.reservedName', message: `代码 ${code} 与 JavaScript 对象的内置属性同名，不能使用`, location: at(['labels', code]) });
        continue;
      }
      const before = own(list, code);
      if (before && before.label !== entry.label) {
        problems.push({ code: 'vocabulary.conflictingLabel', message: `代码 ${code} 在词汇清单 ${p.codes} 中已名为“${before.label}”，此处又名为“${entry.label}”`, location: at(['labels', code]) });
        continue;
      }
      list[code] = entry;
    }
  }
  return {
    facts: plainNames(given.facts, ['vocabulary', 'facts'], reserved),
    values: plainNames(given.values, ['vocabulary', 'values'], reserved),
    lists,
    requirements: {},
  };
}

/** A list parameter's values must be codes of its list: each unknown code at its value. */
export function parameterCodeProblems(p: ParameterSpec, vocabulary: Vocabulary, sourceOf: (file: string) => SourceFile | undefined): Problem[] {
  const list = p.codes === undefined ? undefined : own(vocabulary.lists, p.codes);
  if (!list) return [];
  const problems: Problem[] = [];
  for (const { from, value } of p.values) {
    if (!Array.isArray(value)) continue;
    value.forEach((code, i) => {
      if (typeof code === 'string' && own(list, code)) return;
      problems.push({
        code: 'vocabulary.unknownCode',
        message: `参数 ${p.name} 自 ${from} 起的值中的 ${JSON.stringify(code)} 不是词汇清单 ${p.codes} 的代码；新的代码在 labels 中写上名称（如 labels: { ${String(code)}: 名称 }）`,
        location: sourceOf(p.file)?.locate([p.name, 'values', from, i]) ?? p.location,
      });
    });
  }
  return problems;
}
