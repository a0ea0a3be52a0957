// Loads a rules folder: reads and checks every file, then the references between them.
// Nothing here knows which regulation it is loading.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { createAjv, schemaProblems } from '../validation/ajv.js';
import { patternProblems } from '../validation/linear-regexp.js';
import { articleFileSchema, interpretationFileSchema, parameterFileSchema, regulationFileSchema } from '../schemas/rule-files.js';
import { normaliseDates } from '../dates/calendar-date.js';
import { parseSource, ProblemsError, type Problem, type SourceFile } from './source-file.js';
import { checkReferences } from './check-references.js';
import type {
  Article, DecisionSpec, DerivedFactSpec, InterpretationSpec, Paragraph, ParameterSpec, Regulation, RuleSpec, Vocabulary,
} from '../model.js';

export interface LoadResult {
  regulation?: Regulation;
  problems: Problem[];
}

type Json = Record<string, any>;

/** Every file of the rules folder, as path relative to it → text. */
export type RuleFiles = Map<string, string>;

const ajv = createAjv();
const validators = {
  regulation: ajv.compile(regulationFileSchema),
  article: ajv.compile(articleFileSchema),
  parameter: ajv.compile(parameterFileSchema),
  interpretation: ajv.compile(interpretationFileSchema),
};

/** The content hash of every file the rules come from (the same in Node and in the browser). */
export function rulesetHash(files: RuleFiles): string {
  const text = [...files.keys()].sort().map((name) => `${name}\0${files.get(name)}\0`).join('');
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, 16);
}

/**
 * Builds a regulation from the texts of its files. `dir` is where the folder is (kept on
 * the result); `shownAs` is how file names start in messages (e.g. "rules").
 */
export function loadRegulationFiles(dir: string, files: RuleFiles, shownAs = 'rules'): LoadResult {
  const problems: Problem[] = [];
  const display = (rel: string): string => (shownAs ? `${shownAs}/${rel}` : rel);
  const sources = new Map<string, SourceFile>();
  for (const [rel, text] of files) {
    if (!/\.ya?ml$/.test(rel)) continue;
    const source = parseSource(display(rel), text);
    problems.push(...source.problems);
    sources.set(rel, source);
  }
  const manifestSource = sources.get('regulation.yaml');
  if (!manifestSource) {
    return { problems: [...problems, { code: 'load.noManifest', message: `规则目录中没有 regulation.yaml`, location: { file: display('regulation.yaml'), line: 1, column: 1 } }] };
  }
  const check = (kind: keyof typeof validators, source: SourceFile): boolean => {
    if (source.data === undefined) return false;
    const ok = validators[kind](source.data);
    problems.push(...schemaProblems(validators[kind].errors, source));
    return ok;
  };

  const manifest = normaliseDates(manifestSource.data) as Json;
  const manifestOk = check('regulation', manifestSource);

  const articles: Article[] = [];
  const rules: RuleSpec[] = [];
  const derived: Record<string, DerivedFactSpec> = {};
  const parameters: Record<string, ParameterSpec> = {};
  const interpretations: Record<string, InterpretationSpec> = {};
  const chapterOf = (n: number): string =>
    ((manifest?.chapters ?? []) as Json[]).find((c) => n >= c.articles[0] && n <= c.articles[1])?.title ?? '';

  for (const [rel, source] of [...sources].sort(([a], [b]) => a.localeCompare(b))) {
    if (rel.startsWith('articles/')) {
      if (!check('article', source)) continue;
      const data = normaliseDates(source.data) as Json;
      (data.articles as Json[]).forEach((a, ai) => {
        const id = String(a.number);
        const articleDecidable = a.decidable !== false;
        const paragraphs: Paragraph[] = (a.paragraphs as Json[]).map((p, pi) => {
          const pid = `${id}.${pi + 1}`;
          const decidable = articleDecidable && p.decidable !== false;
          return {
            id: pid,
            text: p.text,
            decidable,
            reason: p.reason ?? (articleDecidable ? undefined : a.reason),
            items: (p.items as Json[] | undefined)?.map((it, ii) => ({
              id: `${pid}.${ii + 1}`, label: it.label, text: it.text, decidable: decidable && it.decidable !== false, reason: it.reason,
            })),
          };
        });
        articles.push({
          number: a.number, id, title: a.title, chapter: chapterOf(a.number), decidable: articleDecidable, reason: a.reason,
          text: paragraphs.map((p) => [p.text, ...(p.items ?? []).map((i) => `${i.label} ${i.text}`)].join('\n')).join('\n'),
          paragraphs, file: source.file, location: source.locate(['articles', ai]),
        });
      });
      for (const [name, d] of Object.entries((data.derived ?? {}) as Record<string, Json>)) {
        if (derived[name]) {
          problems.push({ code: 'load.duplicateDerived', message: `派生事实 ${name} 重复定义（另见 ${derived[name].location.file}:${derived[name].location.line}）`, location: source.locate(['derived', name]) });
          continue;
        }
        derived[name] = {
          name, label: d.label, function: d.function, args: d.args, articles: d.articles ?? [], interpretations: d.interpretations ?? [],
          file: source.file, location: source.locate(['derived', name]),
        };
      }
      ((data.rules ?? []) as Json[]).forEach((r, ri) => {
        rules.push({
          id: r.id, name: r.name, articles: r.articles, interpretations: r.interpretations ?? [], overrides: r.overrides ?? [],
          when: r.when, set: r.set ?? {}, add: r.add ?? {}, file: source.file, location: source.locate(['rules', ri]),
        });
      });
    } else if (rel.startsWith('parameters/')) {
      if (!check('parameter', source)) continue;
      const data = normaliseDates(source.data) as Record<string, Json>;
      for (const [name, p] of Object.entries(data)) {
        if (parameters[name]) {
          problems.push({ code: 'load.duplicateParameter', message: `参数 ${name} 重复定义（另见 ${parameters[name].file}）`, location: source.locate([name]) });
          continue;
        }
        parameters[name] = {
          name, label: p.label, article: p.article, unit: p.unit, type: p.type, reference: p.reference,
          values: Object.entries(p.values as Json).map(([from, value]) => ({ from, value })).sort((x, y) => x.from.localeCompare(y.from)),
          file: source.file, location: source.locate([name]),
        };
      }
    } else if (rel.startsWith('interpretations/')) {
      if (!check('interpretation', source)) continue;
      const i = source.data as Json;
      if (interpretations[i.id]) {
        problems.push({ code: 'load.duplicateInterpretation', message: `解释 ${i.id} 重复定义`, location: source.locate(['id']) });
        continue;
      }
      interpretations[i.id] = {
        id: i.id, title: i.title, articles: i.articles, question: i.question, reading: i.reading,
        alternatives: i.alternatives, reasoning: i.reasoning, sources: i.sources ?? [], file: source.file, location: source.locate([]),
      };
    }
  }

  const caseSchemaSource = sources.get('case.schema.yaml');
  let caseSchema: Json = {};
  if (!caseSchemaSource) {
    problems.push({ code: 'load.noCaseSchema', message: '规则目录中没有 case.schema.yaml（案件的 JSON Schema）', location: { file: display('case.schema.yaml'), line: 1, column: 1 } });
  } else if (caseSchemaSource.data !== undefined) {
    caseSchema = caseSchemaSource.data as Json;
    const badPatterns = patternProblems(caseSchema, caseSchemaSource.locate);
    if (badPatterns.length) problems.push(...badPatterns);
    else try {
      ajv.compile(caseSchema);
    } catch (e) {
      problems.push({ code: 'load.caseSchema', message: `案件 Schema 无效：${(e as Error).message}`, location: caseSchemaSource.locate([]) });
    }
  }
  if (!manifestOk) return { problems };

  const decisions: Record<string, DecisionSpec> = {};
  for (const [name, d] of Object.entries(manifest.decisions as Record<string, Json>)) {
    decisions[name] = {
      name, label: d.label, articles: d.articles,
      fields: Object.fromEntries(Object.entries(d.fields as Record<string, Json>).map(([f, spec]) => [f, { name: f, ...spec }])) as DecisionSpec['fields'],
    };
  }
  const vocabulary: Vocabulary = { facts: {}, materials: {}, requirements: {}, values: {}, divisions: {}, ...(manifest.vocabulary as Partial<Vocabulary>) };
  articles.sort((a, b) => a.number - b.number);
  const regulation: Regulation = {
    id: manifest.id, title: manifest.title, dir, articles, rules, decisions, parameters, interpretations, derived, vocabulary, caseSchema,
    ruleset: rulesetHash(files), files: [...files.keys()].sort(), sourceText: files.get(manifest.source) ?? '',
  };
  if (!files.has(manifest.source)) {
    problems.push({ code: 'load.noSource', message: `找不到原文文件 ${manifest.source}`, location: manifestSource.locate(['source']) });
  }
  problems.push(...checkReferences(regulation, (file) => [...sources.values()].find((s) => s.file === file)));
  return { regulation, problems };
}

