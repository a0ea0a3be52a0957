// docs/reference.md, made from the engine itself: every key of the files a project holds
// (the JSON Schemas they are checked against), every operator a condition may use
// (core/operators.ts) and every derived function with its arguments and result
// (core/derived/registry.ts). `npm run docs:reference` writes it; test/docs/reference-drift.test.ts
// fails when the committed file is not what this makes. Nothing here is hand-kept but the
// one-line meanings of keys (KEY_MEANINGS), which a key added without one simply lacks.
import { operators, type Operands } from '../../core/operators.js';
import { derivedFunctions } from '../../core/derived/registry.js';
import type { ArgSpec, DerivedFunction } from '../../core/derived/function.js';
import { articleFileSchema, interpretationFileSchema, parameterFileSchema, regulationFileSchema } from '../../model/rule-files.js';
import { formFileSchema } from '../../project/forms/load-forms.js';
import { populationFileSchema } from '../../project/population/population-schema.js';

type Schema = Record<string, any>;

/** The kinds of file described, in the order a project is written. */
const FILES: { file: string; schema: Schema; about: string }[] = [
  { file: 'rules/regulation.yaml', schema: regulationFileSchema, about: 'The regulation: its id and title, the published text, chapters, the decisions the rules make and the words shown for facts and values.' },
  { file: 'rules/articles/*.yaml', schema: articleFileSchema, about: 'Articles (the text, paragraph by paragraph), the derived facts and rules that encode them, and the requirements of a service.' },
  { file: 'rules/parameters/*.yaml', schema: parameterFileSchema, about: 'Every number, date and list the text states, as dated values. The file is a map: parameter name → parameter.' },
  { file: 'rules/interpretations/*.yaml', schema: interpretationFileSchema, about: 'One reading of an ambiguous passage, one file each; alternatives with an `id` are executable.' },
  { file: 'rules/population/*.yaml', schema: populationFileSchema, about: 'The assumptions a synthetic year of counter traffic is drawn from (not law; not part of the ruleset).' },
  { file: 'forms/NAME/form.yaml', schema: formFileSchema, about: 'A counter form: its title, articles, decisions, printed pages and how its data becomes a case (`mapping`).' },
];

/** Patterns the schemas share, by what they mean. */
const PATTERNS: Record<string, string> = {
  '^[A-Za-z][A-Za-z0-9]*$': 'name (a letter, then letters or digits)',
  '^[a-z0-9]+(-[a-z0-9]+)*$': 'id (lower-case words joined by `-`)',
  '^[1-9][0-9]*(\\.[1-9][0-9]*){0,2}$': 'article reference (`12`, `12.3` paragraph, `12.3.1` item)',
  '^\\d{4}-\\d{2}-\\d{2}$': 'date YYYY-MM-DD',
  '^[A-Za-z0-9_][A-Za-z0-9_-]*$': 'code (letters, digits, `_`, `-`)',
  '^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*$': 'fact path (`residence.arrivedOn`)',
  '^/': 'JSON pointer into the form data (`/applicant/name`)',
  '^[1-8][0-9]{5}$': 'division code (6 digits)',
};

/** Placeholder shown in a key for a map's own keys, by their pattern. */
const MAP_KEYS: Record<string, string> = {
  '^[A-Za-z][A-Za-z0-9]*$': 'NAME',
  '^\\d{4}-\\d{2}-\\d{2}$': 'DATE',
  '^[A-Za-z0-9_][A-Za-z0-9_-]*$': 'CODE',
  '^[1-8][0-9]{5}$': 'CODE',
};

/** What a key means, by file and key as the tables show it. */
const KEY_MEANINGS: Record<string, Record<string, string>> = {
  'rules/regulation.yaml': {
    id: 'the regulation\'s id', title: 'its title as published', promulgation: 'the act that published it (公告、令)', source: 'the published text, a file beside regulation.yaml (lint compares every paragraph with it)',
    chapters: 'the chapters, in order', 'chapters[].articles': 'first and last article number of the chapter',
    decisions: 'every decision the rules make for a case', 'decisions.NAME.articles': 'the articles that decide it',
    'decisions.NAME.fields': 'its fields; a field no rule sets takes `default`, or is left out',
    'decisions.NAME.fields.NAME.type': '`enum` needs `values`; `list` may list its possible `values`',
    'decisions.NAME.fields.NAME.default': 'the value when no rule sets it (of the field\'s type)',
    vocabulary: 'the words the engine shows', 'vocabulary.facts': 'fact path → its Chinese name (traces, messages)',
    'vocabulary.values': 'value → its Chinese name', 'vocabulary.lists': 'the regulation\'s own code lists by name (used by `codes:`, `$codes`, `$choices`)',
  },
  'rules/articles/*.yaml': {
    articles: 'the articles of this file', 'articles[].decidable': '`false`: the article decides nothing for a case (then `reason` is required)',
    'articles[].reason': 'why it is not decidable', 'articles[].paragraphs': 'the paragraphs (款), in order; `12.3` is the third',
    'articles[].paragraphs[].items': 'the items (项) of a paragraph; `12.3.1` is the first', 'articles[].note': 'a note shown with the article',
    derived: 'derived facts: a named function over other facts, read as `derived.NAME`', 'derived.NAME.function': 'a derived function (see Derived functions)',
    'derived.NAME.args': 'argument name → a value or `{ fact: NAME }` / `{ fact: NAME, path: FIELD }`',
    rules: 'the rules', 'rules[].articles': 'the articles it encodes (cited in the trace)', 'rules[].when': 'the condition: `all` / `any` / `not` groups of `{ fact, operator, value, path? }`',
    'rules[].set': '`decision.field: value` (a value or `{ fact: … }`)', 'rules[].add': '`decision.field: item`: an item put in a list field',
    'rules[].overrides': 'rules this one sets aside when it applies (an exception)', 'rules[].interpretations': 'interpretations the rule relies on',
    requirements: 'service (a decision) → what must be handed in', 'requirements.NAME.handedIn': 'fact path of the materials handed in (code → count)',
    'requirements.NAME.missing': '`decision.field` (a list) the codes of unmet requirements are added to', 'requirements.NAME.codes': 'the vocabulary list the material codes come from',
    'requirements.NAME.when': 'the service\'s guard: a condition, written once', 'requirements.NAME.needs.NAME.satisfiedBy': 'codes, or `{ param: NAME }` (a list parameter), that satisfy it',
    'requirements.NAME.needs.NAME.count': 'how many (default 1)', 'requirements.NAME.needs.NAME.when': 'when it applies (a condition)',
    'requirements.NAME.needs.NAME.alternatives': 'codes that count only when a condition holds',
  },
  'rules/parameters/*.yaml': {
    NAME: 'a parameter, read in rules as `params.NAME`', 'NAME.article': 'the article that states it', 'NAME.unit': 'its unit (个工作日、元、张)',
    'NAME.reference': 'the words of the text it comes from', 'NAME.codes': 'for a list of codes: the vocabulary list they belong to',
    'NAME.labels': 'names of codes this parameter adds to that list', 'NAME.readAt': 'the case\'s date its values are read on (default `asOf`)',
    'NAME.values': 'date → value from that date on', 'NAME.values.DATE': 'the value in force from DATE (of the parameter\'s `type`)',
  },
  'rules/interpretations/*.yaml': {
    question: 'the question the text leaves open', reading: 'the reading taken', default: 'the id of the executable alternative that is the reading taken',
    'alternatives[].id': 'makes it executable: `--reading ID=ALT`, a case\'s `readings:`', 'alternatives[].consequence': 'what changes under it',
    'alternatives[].parameters': 'parameter name → its value under this reading (at every date)', 'alternatives[].rulesOff': 'rules switched off under this reading',
    reasoning: 'why the reading taken', sources: 'laws, cases and commentary relied on',
  },
  'rules/population/*.yaml': {
    population: 'the cases drawn: a label, the decision dates, default size and seed', 'population.label': 'what the file assumes, in a line',
    'population.span': 'the decision dates: one `{ from, to }` range or a list of them', 'population.years': 'or whole calendar years',
    'population.days': '`workdays` (Monday to Friday, the default) or `everyDay`',
    'population.size': 'default number of cases (`tiaoli population --size`)', 'population.seed': 'default seed: the same seed and file give the same cases',
    facts: 'case fact path (or `draw.NAME`, a helper value) → how it is drawn, in order: one draw or a list of alternatives (see docs/population.md)',
  },
  'forms/NAME/form.yaml': {
    decisions: 'the decisions the form\'s case is decided for', prints: 'the printed pages it offers (kinds of forms/prints/prints.yaml)',
    fixtures: 'the folder its fixtures are saved to', fromDecision: 'form field → `derived/…` or decision value that shows or fills it',
    mapping: 'form data → case', 'mapping.asOf': 'where the decision date is in the form data', 'mapping.facts[].fact': 'the case fact written',
    'mapping.facts[].from': 'copy the value at this pointer', 'mapping.facts[].const': 'write this value', 'mapping.facts[].values': 'form value → case value',
    'mapping.facts[].absent': 'the value when the form has none',
    office: 'where the service is done: the counter\'s office is checked against the case, a mismatch is a warning the clerk confirms',
    'office.place': 'the place in words, as the article names it', 'office.county': 'case fact holding the county code the office\'s county must be',
    'office.successions': 'parameter: the table of former county codes → successors, read before comparing',
    'office.issuedBy': 'case fact holding the name of the issuing body the office (or the body it acts for) must be',
  },
};

/** What a key means wherever it is, by its last part, when the file's own table says nothing. */
const LAST_KEY_MEANINGS: Record<string, string> = {
  label: 'its name in Chinese, as shown', title: 'its title, as the text or the counter says it', articles: 'article references it rests on',
  article: 'the article reference it rests on', interpretations: 'interpretations it relies on (ids of rules/interpretations/)',
  decidable: '`false`: decides nothing for a case (then `reason`)', reason: 'why it decides nothing', number: 'the article\'s number (第N条)',
  text: 'the text, word for word as in source.txt', id: 'its id, unique in the project', name: 'what it says, in the text\'s words',
  type: 'the type of its values', values: 'its possible values', note: 'shown beside it', unit: 'the unit shown after a count',
  share: 'a share of the cases, 0 to 1', probability: 'a probability, 0 to 1', from: 'first of the range (inclusive)', to: 'last of the range (inclusive)',
};

const code = (s: string): string => `\`${s}\``;
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function describe(s: Schema): string {
  if (!s || Object.keys(s).length === 0) return 'any value';
  const alternatives = s.anyOf ?? s.oneOf;
  if (Array.isArray(alternatives) && !s.type && !s.properties) return alternatives.map(describe).join(' or ');
  if (Object.hasOwn(s, 'const')) return code(JSON.stringify(s.const));
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v: unknown) => code(String(v))).join(', ')}`;
  if (s.calendarDate) return 'date YYYY-MM-DD';
  const limits = [
    s.minimum !== undefined ? `≥ ${s.minimum}` : '', s.maximum !== undefined ? `≤ ${s.maximum}` : '',
    s.minItems !== undefined && s.minItems === s.maxItems ? `exactly ${s.minItems}` : '',
    s.minItems !== undefined && s.minItems !== s.maxItems ? `at least ${s.minItems}` : '', s.maxItems !== undefined && s.minItems !== s.maxItems ? `at most ${s.maxItems}` : '',
    s.minProperties !== undefined ? `at least ${s.minProperties} key${s.minProperties > 1 ? 's' : ''}` : '',
    s.maxLength !== undefined ? `at most ${s.maxLength} characters` : '',
  ].filter(Boolean);
  const suffix = limits.length ? ` (${limits.join(', ')})` : '';
  switch (s.type) {
    case 'string': return (s.pattern ? PATTERNS[s.pattern] ?? `text matching ${code(s.pattern)}` : s.minLength ? 'text' : 'any text') + suffix;
    case 'integer': return `whole number${suffix}`;
    case 'number': return `number${suffix}`;
    case 'boolean': return '`true` or `false`';
    case 'array': return `list of ${s.items ? describe(s.items) : 'values'}${suffix}`;
    case 'object': {
      const props = s.properties ? Object.keys(s.properties) : [];
      if (props.length && props.length <= 2 && s.additionalProperties === false && props.every((p) => describeLeaf(s.properties[p]))) {
        return `{ ${props.map((p) => `${p}: ${describe(s.properties[p])}`).join(', ')} }${suffix}`;
      }
      if (!props.length && ((s.additionalProperties && typeof s.additionalProperties === 'object') || s.propertyNames)) {
        const value = s.additionalProperties && typeof s.additionalProperties === 'object' ? describe(s.additionalProperties) : 'any value';
        return `map: ${describeKey(s.propertyNames)} → ${value}${suffix}`;
      }
      return `${props.length ? 'entry (keys below)' : 'map'}${suffix}`;
    }
    default:
      return s.type ? String(s.type) : 'any value';
  }
}

/** What a map's keys may be. */
function describeKey(names: Schema | undefined): string {
  if (!names) return 'key';
  if (names.pattern) return Object.hasOwn(PATTERNS, names.pattern) ? PATTERNS[names.pattern] : `key matching ${code(names.pattern)}`;
  return describe(names);
}

/** A schema described in one line, with nothing below it. */
function describeLeaf(s: Schema): boolean {
  return !s || (s.type !== 'object' && !(s.type === 'array' && s.items?.type === 'object') && !(s.anyOf ?? s.oneOf ?? []).some((a: Schema) => a.type === 'object' && a.properties && Object.keys(a.properties).length > 2));
}

interface Row { key: string; takes: string; required: boolean; note: string }

const isObject = (s: Schema): boolean => !!s && s.type === 'object';
/** A schema with keys of its own to list below it (not one described in a line). */
const hasKeys = (s: Schema): boolean =>
  isObject(s) && !describe(s).startsWith('{') && (!!s.properties || (typeof s.additionalProperties === 'object' && hasKeys(s.additionalProperties)) ||
    (s.anyOf ?? s.oneOf ?? []).some(hasKeys));
/** The placeholder for a map's own keys. */
const mapKey = (s: Schema): string => (typeof s.propertyNames?.pattern === 'string' && Object.hasOwn(MAP_KEYS, s.propertyNames.pattern) ? MAP_KEYS[s.propertyNames.pattern] : 'KEY');

/** The row for `s` at `key`, and the rows of every key below it. */
function rows(s: Schema, key: string, required: boolean, out: Row[]): void {
  out.push({ key, takes: describe(s), required, note: conditionalNote(s) });
  below(s, key, out);
}

/** The rows of the keys below `s`. */
function below(s: Schema, key: string, out: Row[]): void {
  const at = (k: string): string => (key ? `${key}.${k}` : k);
  if (s.type === 'array' && s.items && hasKeys(s.items)) below(s.items, `${key}[]`, out);
  if (!isObject(s) || describe(s).startsWith('{')) return;
  const needed = new Set<string>(s.required ?? []);
  for (const [k, sub] of Object.entries<Schema>(s.properties ?? {})) rows(sub, at(k), needed.has(k), out);
  if (typeof s.additionalProperties === 'object' && hasKeys(s.additionalProperties)) rows(s.additionalProperties, at(mapKey(s)), false, out);
  for (const alternative of s.anyOf ?? s.oneOf ?? []) if (hasKeys(alternative)) below(alternative, key, out);
}

/** if/then and oneOf-of-required, said in words. */
function conditionalNote(s: Schema): string {
  const notes: string[] = [];
  if (s.if?.properties && s.then?.required) {
    const [k, v] = Object.entries<Schema>(s.if.properties)[0];
    notes.push(`${s.then.required.map(code).join(', ')} required when ${code(k)} is ${code(JSON.stringify(v.const))}`);
  }
  const requiredChoice = (list: Schema[] | undefined): string[] | undefined =>
    list && list.every((a) => Array.isArray(a.required) && Object.keys(a).length === 1) ? list.map((a) => a.required.map(code).join(' and ')) : undefined;
  const one = requiredChoice(s.oneOf);
  if (one) notes.push(`exactly one of ${one.join(', ')}`);
  const any = requiredChoice(s.anyOf);
  if (any) notes.push(`at least one of ${any.join(', ')}`);
  return notes.join('; ');
}

function fileSection(f: (typeof FILES)[number]): string {
  const out: Row[] = [];
  below(f.schema, '', out);
  const meanings = Object.hasOwn(KEY_MEANINGS, f.file) ? KEY_MEANINGS[f.file] : {};
  const last = (key: string): string => key.split('.').at(-1)!.replace(/\[\]$/, '');
  const meaning = (key: string): string =>
    Object.hasOwn(meanings, key) ? meanings[key] : Object.hasOwn(LAST_KEY_MEANINGS, last(key)) ? LAST_KEY_MEANINGS[last(key)] : '';
  const note = (r: Row): string => [meaning(r.key), r.note].filter(Boolean).join('; ');
  const top = conditionalNote(f.schema);
  return [
    `### \`${f.file}\``, '', f.about + (top ? ` At the top: ${top}.` : ''), '',
    '| key | takes | required | meaning |', '|---|---|:-:|---|',
    ...out.map((r) => `| ${code(r.key)} | ${cell(r.takes)} | ${r.required ? 'yes' : ''} | ${cell(note(r))} |`), '',
  ].join('\n');
}

const OPERAND_FACT: Record<Operands['fact'], string> = { any: 'any fact', number: 'a number', date: 'a date', list: 'a list' };
const OPERAND_VALUE: Record<Operands['value'], string> = {
  sameAsFact: 'a value of the fact\'s type', listOfFact: 'a list of values of the fact\'s type', itemOfFact: 'one item of the fact\'s list', boolean: '`true` or `false`',
};

function operatorSection(): string {
  return [
    '## Operators', '',
    'A condition is `{ fact: NAME, operator: OP, value: V }` (with `path:` to read a field of an object fact); `value` may be `{ fact: NAME }` to compare two facts. Lint checks that the fact\'s type and the value\'s suit the operator. `reads` is how the trace says it.', '',
    '| operator | reads | fact | value |', '|---|---|---|---|',
    ...operators.map((o) => `| ${code(o.name)} | ${o.reads} | ${OPERAND_FACT[o.operands.fact]} | ${OPERAND_VALUE[o.operands.value]} |`), '',
  ].join('\n');
}

const arg = (name: string, a: ArgSpec): string => `${code(name)}${a.optional ? ' (optional)' : ''}: ${a.type} — ${a.label}`;

function returns(fn: DerivedFunction): string {
  if (fn.returnsItemOf) {
    const of = Object.hasOwn(fn.args, fn.returnsItemOf) ? fn.args[fn.returnsItemOf] : undefined;
    return of?.type === 'list' ? `one of the items of ${code(fn.returnsItemOf)} (their type)` : `a value of ${code(fn.returnsItemOf)}'s type`;
  }
  if (fn.returnsFields) return `object { ${Object.entries(fn.returnsFields).map(([k, f]) => `${k}: ${f.type}${f.values ? ` (${f.values.join(' \\| ')})` : ''}${f.items ? ` of ${f.items}` : ''}`).join(', ')} }`;
  return fn.returns;
}

function functionSection(): string {
  // by code point, not by locale: the same file on every machine
  const fns = [...derivedFunctions.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [
    '## Derived functions', '',
    'A derived fact names one of these (`function:`) and gives each argument (`args:`) a value or `{ fact: NAME }`. A required argument that is absent makes the derived fact absent; the function is not called.', '',
    ...fns.flatMap((fn) => [
      `### \`${fn.name}(${Object.entries(fn.args).map(([n, a]) => (a.optional ? `${n}?` : n)).join(', ')})\``, '',
      `${fn.label}`, '',
      ...Object.entries(fn.args).map(([n, a]) => `- ${arg(n, a)}`),
      `- returns: ${returns(fn)}`, '',
    ]),
  ].join('\n');
}

/** The whole of docs/reference.md. */
export function referenceText(): string {
  return [
    '# tiaoli reference', '',
    '<!-- Generated by `npm run docs:reference` (engine/cli/build/write-reference.ts) from the engine\'s schemas, operators and derived functions. Do not edit: change the engine, then run the script. -->', '',
    'Every key of the files a project holds, every operator a condition may use, and every derived function, as the engine checks them. The guide ([guide.md](guide.md)) says how to use them; the case file and the decision document are in [CASES.md](CASES.md).', '',
    'In a key, `NAME`, `CODE`, `DATE` and `KEY` stand for a key you choose (of the kind the column says); `[]` is an item of a list.', '',
    '## Files', '',
    ...FILES.map(fileSection),
    '`forms/offices.yaml` (the issuing offices) and `forms/prints/prints.yaml` (the printed pages) are checked by code rather than a schema; their keys are in the guide, [§13](guide.md#13-offices-and-printed-pages). A case file is described by the project\'s own `rules/case.schema.yaml` and by [CASES.md](CASES.md).', '',
    operatorSection(),
    functionSection(),
  ].join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
