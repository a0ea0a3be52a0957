// Loads a rules folder: reads and checks every file, then the references between them.
// Nothing here knows which regulation it is loading.
import { checkReadings } from './check-readings.js';
import { readableData } from './readable-data.js';
import { readDateOrders } from './case/date-order.js';
import { readLimits, readPlaces } from './place-values.js';
import { checkPlaces } from './check-places.js';
import { checkLimits } from './check-limits.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { ValidateFunction } from 'ajv';
import { createAjv, schemaProblems } from '../core/validation/ajv.js';
import { patternProblems } from '../core/validation/linear-regexp.js';
import { articleFileSchema, interpretationFileSchema, parameterFileSchema, regulationFileSchema } from './rule-files.js';
import { parseSource, type PathSegment, type Problem, type SourceFile } from '../core/source-file.js';
import { isInheritedName } from '../core/own.js';
import { checkReferences, type LeftOut } from './check-references.js';
import { deepFreeze } from '../core/deep-freeze.js';
import { buildVocabulary, codeEntry, parameterCodeProblems } from './vocabulary.js';
import { checkRequirements, expandRequirements, requirementNames, type RequirementsSection } from './requirements.js';
import { expandCodeLists } from './schema-codes.js';
import { unmetWordsProblems } from './unmet-words.js';
import type {
  Article, DecisionSpec, DerivedFactSpec, InterpretationSpec, Paragraph, ParameterSpec, Regulation, RuleSpec,
} from './model.js';

export interface LoadResult {
  regulation?: Regulation;
  problems: Problem[];
}

type Json = Record<string, any>;

/** Every file of the rules folder, as path relative to it → text. */
export type RuleFiles = Map<string, string>;

/** Made when first needed: a command given the regulation built at `npm run build` never does. */
let madeAjv: ReturnType<typeof createAjv> | undefined;
const theAjv = (): ReturnType<typeof createAjv> => (madeAjv ??= createAjv());
const FILE_SCHEMAS = {
  regulation: regulationFileSchema, article: articleFileSchema, parameter: parameterFileSchema, interpretation: interpretationFileSchema,
};
type FileKind = keyof typeof FILE_SCHEMAS;
/** How deep an entry that can be left out alone is: a rule, an article, a derived fact (2); a parameter (1); 0: the file is one entry. */
const ENTRY_DEPTH: Record<FileKind, number> = { regulation: 0, article: 2, parameter: 1, interpretation: 0 };
/**
 * Each kind of rule file's validator, compiled when a file of that kind is first checked:
 * not when this module loads, so that the command line can first offer the validators
 * generated at build time (core/validation/ajv.ts, usePrecompiledValidators).
 */
const validators = new Map<FileKind, ValidateFunction>();
const validatorOf = (kind: FileKind): ValidateFunction => {
  const known = validators.get(kind);
  if (known) return known;
  const validate = theAjv().compile(FILE_SCHEMAS[kind]);
  validators.set(kind, validate);
  return validate;
};

/** Keys of a decision in a decision document beside its fields. */
const DOCUMENT_KEYS = new Set(['articles', 'interpretations', 'because']);

function forget(schema: object): void {
  try {
    theAjv().removeSchema(schema);
  } catch {
    // never compiled: nothing to forget
  }
}

/**
 * A rule file read, or — when the reader itself fails (a YAML alias bomb, nesting too
 * deep) — a file with one problem at its start, so that the rest of the folder still loads.
 */
function parseOrProblem(file: string, text: string): SourceFile {
  let source: SourceFile;
  try {
    source = parseSource(file, text);
  } catch (e) {
    const location = { file, line: 1, column: 1 };
    const message = e instanceof RangeError ? '文件嵌套过深，无法读取'
      : /alias/i.test((e as Error).message) ? 'YAML 别名展开过多（疑似“别名炸弹”），无法读取' : `无法读取：${(e as Error).message}`;
    return { file, text, data: undefined, locate: () => location, problems: [{ code: 'load.unreadable', message, location }] };
  }
  const shape = shapeProblem(source.data);
  if (!shape) return source;
  return { ...source, data: undefined, problems: [...source.problems, { code: 'load.unreadable', message: shape.message, location: source.locate(shape.path) }] };
}

const MAX_DEPTH = 64;

/**
 * What makes data unusable though it parsed: an alias inside what it names (`a: &x [*x]`
 * reads as a value that contains itself) or nesting deeper than any rule file needs.
 * Walked without recursion, each shared value once.
 */
function shapeProblem(data: unknown): { message: string; path: PathSegment[] } | undefined {
  const onPath = new Set<object>();
  const done = new Set<object>();
  const stack: Array<{ node: object; path: PathSegment[]; leaving: boolean }> = [];
  if (data && typeof data === 'object') stack.push({ node: data, path: [], leaving: false });
  while (stack.length) {
    const { node, path, leaving } = stack.pop()!;
    if (leaving) {
      onPath.delete(node);
      done.add(node);
      continue;
    }
    if (done.has(node)) continue;
    if (path.length > MAX_DEPTH) return { message: `嵌套超过 ${MAX_DEPTH} 层，无法读取`, path: path.slice(0, MAX_DEPTH) };
    onPath.add(node);
    stack.push({ node, path, leaving: true });
    for (const [key, child] of Object.entries(node)) {
      if (!child || typeof child !== 'object') continue;
      const at = [...path, Array.isArray(node) ? Number(key) : key];
      if (onPath.has(child)) return { message: 'YAML 别名引用了包含它自身的值（循环引用），无法读取', path: at };
      stack.push({ node: child, path: at, leaving: false });
    }
  }
  return undefined;
}

/** Files read before, by name and text: a folder is re-read after each edit of one file. */
const readBefore = new Map<string, SourceFile>();
const READ_BEFORE_MAX = 128; // a few versions of each file of a folder; the ones in use stay (most recently used)

function readSource(file: string, text: string): SourceFile {
  const key = `${file}\0${text}`;
  let source = readBefore.get(key);
  if (source) {
    readBefore.delete(key); // most recently used last
  } else {
    source = parseOrProblem(file, text);
    if (readBefore.size >= READ_BEFORE_MAX) readBefore.delete(readBefore.keys().next().value!);
  }
  readBefore.set(key, source);
  // shared between loads: what a regulation keeps of it is copied (structuredClone)
  return source;
}

/** Case schemas checked before (their JSON → ajv's complaint, if any). */
const schemaChecked = new Map<string, string | undefined>();

/** Why ajv cannot compile a schema, or undefined when it can. Compiled with nothing kept. */
function caseSchemaError(schema: object): string | undefined {
  const key = JSON.stringify(schema);
  if (schemaChecked.has(key)) return schemaChecked.get(key);
  let error: string | undefined;
  try {
    theAjv().compile(schema);
  } catch (e) {
    error = (e as Error).message;
  } finally {
    // kept, ajv would hold every version loaded (and refuse a second one with the same $id)
    forget(schema);
  }
  if (schemaChecked.size >= 16) schemaChecked.delete(schemaChecked.keys().next().value!);
  schemaChecked.set(key, error);
  return error;
}

/** The content hash of every file the rules come from (the same in Node and in the browser). */
export function rulesetHash(files: RuleFiles): string {
  const text = [...files.keys()].sort().map((name) => `${name}\0${files.get(name)}\0`).join('');
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, 16);
}

/**
 * Builds a regulation from the texts of its files. `dir` is where the folder is (kept on
 * the result); `shownAs` is how file names start in messages (e.g. "rules").
 */
export function loadRegulationFiles(dir: string, all: RuleFiles, shownAs = 'rules'): LoadResult {
  // population/: assumptions about who comes to the counter, not rules (checked in engine/project/population)
  const files: RuleFiles = new Map([...all].filter(([rel]) => !rel.startsWith('population/')));
  const display = (rel: string): string => (shownAs ? `${shownAs}/${rel}` : rel);
  const problems: Problem[] = [];
  try {
    return build(dir, files, display, problems);
  } catch (e) {
    // the last resort, for a fault in tiaoli itself: still a message, never a stack trace
    const location = { file: display('regulation.yaml'), line: 1, column: 1 };
    return { problems: [...problems, { code: 'load.failed', message: `载入规则时出错：${(e as Error).message}`, location }] };
  }
}

function build(dir: string, files: RuleFiles, display: (rel: string) => string, problems: Problem[]): LoadResult {
  const sources = new Map<string, SourceFile>();
  for (const [rel, text] of files) {
    if (!/\.ya?ml$/.test(rel)) continue;
    const source = readSource(display(rel), text);
    problems.push(...source.problems);
    sources.set(rel, source);
  }
  const manifestSource = sources.get('regulation.yaml');
  if (!manifestSource) {
    return { problems: [...problems, { code: 'load.noManifest', message: `规则目录中没有 regulation.yaml`, location: { file: display('regulation.yaml'), line: 1, column: 1 } }] };
  }
  /**
   * A file's data as it can be read (engine/model/readable-data.ts): its own when valid, else a
   * copy with slips read as meant and wrong entries left out; every error reported at its line.
   */
  const check = (kind: FileKind, source: SourceFile): Json | undefined => {
    if (source.data === undefined) return undefined;
    const readable = readableData(validatorOf(kind), FILE_SCHEMAS[kind], source.data, ENTRY_DEPTH[kind]);
    problems.push(...schemaProblems(readable.errors, source));
    // what was left out for its errors is reported there, not again where it is named
    for (const path of readable.leftOut) noteLeftOut(kind, path, source.data);
    return readable.data === undefined ? undefined : structuredClone(readable.data) as Json;
  };

  const leftOut: LeftOut = { parameters: new Set(), derived: new Set(), rules: new Set() };
  function noteLeftOut(kind: FileKind, path: PathSegment[], data: unknown): void {
    const [section, key] = path;
    if (kind === 'parameter') leftOut.parameters.add(String(section));
    else if (kind === 'article' && section === 'derived') leftOut.derived.add(String(key));
    else if (kind === 'article' && section === 'rules') {
      const rule = (data as Json)?.rules?.[key as number];
      if (rule && typeof rule === 'object' && typeof rule.id === 'string') leftOut.rules.add(rule.id);
    }
  }
  const manifestData = check('regulation', manifestSource);
  const manifestOk = manifestData !== undefined;
  const manifest = (manifestData ?? {}) as Json;

  const articles: Article[] = [];
  const rules: RuleSpec[] = [];
  // names from files are kept in Maps: a plain object would already "have" constructor, toString…
  const derived = new Map<string, DerivedFactSpec>();
  const parameters = new Map<string, ParameterSpec>();
  const interpretations = new Map<string, InterpretationSpec>();
  const requirementSections: RequirementsSection[] = [];
  const chapters = (manifestOk ? manifest.chapters : []) as Json[];
  const chapterOf = (n: number): string => chapters.find((c) => n >= c.articles[0] && n <= c.articles[1])?.title ?? '';
  const reserved = (name: string, kind: string, source: SourceFile, path: PathSegment[]): boolean => {
    if (!isInheritedName(name)) return false;
    problems.push({ code: 'load.reservedName', message: `${kind} ${name} 与 JavaScript 对象的内置属性同名，不能用作名称`, location: source.locate(path) });
    return true;
  };

  for (const [rel, source] of [...sources].sort(([a], [b]) => a.localeCompare(b))) {
    if (rel.startsWith('articles/')) {
      const data = check('article', source);
      if (!data) continue;
      // an entry left out for its errors is null here: the others keep their index (and line)
      const dropped = (data.rules ?? []).includes(null);
      (data.articles as Json[]).forEach((a, ai) => {
        if (a === null) return;
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
        if (reserved(name, '派生事实', source, ['derived', name])) continue;
        const other = derived.get(name);
        if (other) {
          problems.push({ code: 'load.duplicateDerived', message: `派生事实 ${name} 重复定义（另见 ${other.location.file}:${other.location.line}）`, location: source.locate(['derived', name]) });
          continue;
        }
        derived.set(name, {
          name, label: d.label, function: d.function, args: d.args, articles: d.articles ?? [], interpretations: d.interpretations ?? [],
          file: source.file, location: source.locate(['derived', name]),
        });
      }
      if (data.requirements) requirementSections.push({ data: data.requirements, source });
      ((data.rules ?? []) as Json[]).forEach((r, ri) => {
        if (r === null) return;
        if (r.unmet !== undefined) problems.push(...unmetWordsProblems(r.unmet as Record<string, unknown>, r.when, source, ['rules', ri, 'unmet']));
        rules.push({
          id: r.id, name: r.name, articles: r.articles, interpretations: r.interpretations ?? [], overrides: r.overrides ?? [],
          when: r.when, set: r.set ?? {}, add: r.add ?? {},
          ...(r.unmet === undefined ? {} : { unmet: Object.fromEntries(Object.entries(r.unmet as Record<string, string>)) }),
          file: source.file, location: source.locate(['rules', ri]),
          // with a rule left out before it, its place in the file said outright (not counted)
          ...(dropped ? { origin: ['rules', ri] } : {}),
        });
      });
    } else if (rel.startsWith('parameters/')) {
      const data = check('parameter', source) as Record<string, Json> | undefined;
      if (!data) continue;
      for (const [name, p] of Object.entries(data)) {
        if (reserved(name, '参数', source, [name])) continue;
        const other = parameters.get(name);
        if (other) {
          problems.push({ code: 'load.duplicateParameter', message: `参数 ${name} 重复定义（另见 ${other.file}）`, location: source.locate([name]) });
          continue;
        }
        parameters.set(name, {
          name, label: p.label, article: p.article, unit: p.unit, type: p.type, reference: p.reference,
          ...(p.codes === undefined ? {} : { codes: p.codes }),
          ...(p.labels === undefined ? {} : { labels: Object.fromEntries(Object.entries(p.labels as Json).map(([c, e]) => [c, codeEntry(e)])) }),
          values: Object.entries(p.values as Json).map(([from, value]) => ({ from, value })).sort((x, y) => x.from.localeCompare(y.from)),
          ...(p.readAt === undefined ? {} : { readAt: p.readAt }),
          ...(p.readIn === undefined ? {} : { readIn: p.readIn }),
          ...(p.places === undefined ? {} : { places: readPlaces(p.places) }),
          ...(p.atMost === undefined && p.atLeast === undefined ? {} : { limits: [...readLimits('atMost', p.atMost), ...readLimits('atLeast', p.atLeast)] }),
          file: source.file, location: source.locate([name]),
        });
      }
    } else if (rel.startsWith('interpretations/')) {
      const i = check('interpretation', source);
      if (!i) continue;
      if (reserved(i.id, '解释', source, ['id'])) continue;
      if (interpretations.has(i.id)) {
        problems.push({ code: 'load.duplicateInterpretation', message: `解释 ${i.id} 重复定义`, location: source.locate(['id']) });
        continue;
      }
      interpretations.set(i.id, {
        id: i.id, title: i.title, articles: i.articles, question: i.question, reading: i.reading,
        alternatives: i.alternatives, ...(i.default === undefined ? {} : { default: i.default }), reasoning: i.reasoning, sources: i.sources ?? [], file: source.file, location: source.locate([]),
      });
    }
  }

  const byShownName = new Map([...sources.values()].map((s) => [s.file, s]));
  const sourceOf = (file: string): SourceFile | undefined => byShownName.get(file);
  // the regulation's words, with the codes parameters name (before the case schema, which uses them)
  const vocabularyProblems: Problem[] = [];
  const vocabulary = buildVocabulary(manifestOk ? manifest : {}, parameters.values(), sourceOf,
    (name, path) => reserved(name, '词汇', manifestSource, path), vocabularyProblems);
  if (manifestOk) problems.push(...vocabularyProblems);

  const caseSchemaSource = sources.get('case.schema.yaml');
  let caseSchema: Json = {};
  if (!caseSchemaSource) {
    problems.push({ code: 'load.noCaseSchema', message: '规则目录中没有 case.schema.yaml（案件的 JSON Schema）', location: { file: display('case.schema.yaml'), line: 1, column: 1 } });
  } else if (caseSchemaSource.data !== undefined) {
    const codeProblems: Problem[] = [];
    caseSchema = expandCodeLists(caseSchemaSource.data, vocabulary, caseSchemaSource, codeProblems) as Json;
    if (manifestOk) problems.push(...codeProblems);
    // a pattern RE2 cannot run (backreference, lookaround) is named at its own line
    const badPatterns = patternProblems(caseSchema, caseSchemaSource.locate);
    const error = badPatterns.length ? undefined : caseSchemaError(caseSchema);
    problems.push(...badPatterns);
    if (error) problems.push({ code: 'load.caseSchema', message: `案件 Schema 无效：${error}`, location: caseSchemaSource.locate([]) });
  }
  if (!manifestOk) return { problems };

  const decisions = new Map<string, DecisionSpec>();
  for (const [name, d] of Object.entries(manifest.decisions as Record<string, Json>)) {
    if (reserved(name, '决定', manifestSource, ['decisions', name])) continue;
    const fields = Object.entries(d.fields as Record<string, Json>).filter(([f]) => {
      if (DOCUMENT_KEYS.has(f)) {
        problems.push({ code: 'load.reservedName', message: `决定字段 ${f} 与决定文档中的 articles、interpretations、because 同名，不能使用`, location: manifestSource.locate(['decisions', name, 'fields', f]) });
        return false;
      }
      return !reserved(f, '决定字段', manifestSource, ['decisions', name, 'fields', f]);
    });
    decisions.set(name, { name, label: d.label, articles: d.articles, fields: Object.fromEntries(fields.map(([f, spec]) => [f, { ...spec, name: f }])) as DecisionSpec['fields'] });
  }
  // requirements become counting facts and missing-item rules (engine/load/requirements.ts)
  const expanded = expandRequirements(requirementSections, (name) => decisions.get(name)?.label, problems);
  for (const d of expanded.derived) {
    const other = derived.get(d.name);
    if (other) {
      problems.push({ code: 'load.duplicateDerived', message: `派生事实 ${d.name} 由材料要求生成，与另一定义重复（另见 ${other.location.file}:${other.location.line}）`, location: d.location });
      continue;
    }
    derived.set(d.name, d);
  }
  rules.push(...expanded.rules);
  vocabulary.requirements = requirementNames(expanded.services);
  // the words are settled: nothing changes them (a trace may keep what it made of them)
  deepFreeze(vocabulary);
  articles.sort((a, b) => a.number - b.number);
  const regulation: Regulation = {
    id: manifest.id, title: manifest.title, dir, articles, rules, vocabulary, caseSchema, requirements: expanded.services,
    decisions: Object.fromEntries(decisions), parameters: Object.fromEntries(parameters),
    interpretations: Object.fromEntries(interpretations), derived: Object.fromEntries(derived),
    ruleset: rulesetHash(files), files: [...files.keys()].sort(), sourceText: files.get(manifest.source) ?? '',
    dateOrders: readDateOrders(manifest.dateOrders),
  };
  if (!files.has(manifest.source)) {
    problems.push({ code: 'load.noSource', message: `找不到原文文件 ${manifest.source}`, location: manifestSource.locate(['source']) });
  }
  problems.push(...checkReferences(regulation, sourceOf, manifestSource.file, leftOut));
  problems.push(...checkRequirements(regulation, sourceOf));
  problems.push(...checkReadings(regulation, sourceOf));
  problems.push(...checkPlaces(regulation, sourceOf));
  problems.push(...checkLimits(regulation, sourceOf));
  for (const p of parameters.values()) problems.push(...parameterCodeProblems(p, vocabulary, sourceOf));
  return { regulation, problems };
}

