// The shapes of a loaded regulation: what the YAML files in a rules folder become.
import type { Location, PathSegment } from '../core/source-file.js';

export type ArticleRef = string; // "12", "12.3", "18.1.9"

export interface Paragraph {
  id: ArticleRef;
  label?: string;
  text: string;
  decidable: boolean;
  reason?: string;
  items?: Paragraph[];
}

export interface Article {
  number: number;
  id: ArticleRef;
  title: string;
  chapter: string;
  text: string;
  decidable: boolean;
  reason?: string;
  paragraphs: Paragraph[];
  file: string;
  location: Location;
}

/** A value in a rule or a derived fact's arguments: a literal, or a reference to a fact. */
export type ValueSpec = unknown;

export interface RuleSpec {
  id: string;
  name: string;
  articles: ArticleRef[];
  interpretations: string[];
  overrides: string[];
  when: Record<string, unknown>;
  set: Record<string, ValueSpec>;
  add: Record<string, ValueSpec>;
  /** a condition's fact → what a refusal says when it is not met ({值} and {应为} stand for the values); look up with own() */
  unmet?: Record<string, string>;
  file: string;
  location: Location;
  /** for a rule the engine wrote from a declaration (a requirement): where that is in its file */
  origin?: PathSegment[];
  /** for such a rule: a path in the rule (`['when', 'all', 2]`) → where that part is written in the file */
  sources?: Array<[PathSegment[], PathSegment[]]>;
}

export type FieldType = 'boolean' | 'date' | 'number' | 'enum' | 'list';

export interface DecisionField {
  name: string;
  label: string;
  type: FieldType;
  values?: string[];
  default?: unknown;
}

export interface DecisionSpec {
  name: string;
  label: string;
  articles: ArticleRef[];
  fields: Record<string, DecisionField>;
}

export interface ParameterSpec {
  name: string;
  label: string;
  article: ArticleRef;
  unit?: string;
  type: 'integer' | 'number' | 'date' | 'string' | 'list' | 'boolean';
  reference?: string;
  /** for a list of codes: the vocabulary list they are from, and codes this parameter names itself */
  codes?: string;
  labels?: Record<string, CodeEntry>;
  /** value history: the date from which each value holds → the value */
  values: Array<{ from: string; value: unknown }>;
  /** the date fact its 生效日期 is compared with (absent: asOf; also when that fact is absent) */
  readAt?: { fact: string; label: string };
  /** for a parameter whose value may differ by place: the case's division code it is read for */
  readIn?: PlaceOfReading;
  /** values set for a place (a 6-digit GB/T 2260 code), each dated like `values`; most specific wins */
  places?: PlaceValues[];
  /** an upper or lower bound each of its values must keep (lint): another parameter or a number */
  limits?: ParameterLimit[];
  file: string;
  location: Location;
}

/** Where a place-keyed parameter is read: a division code of the case. */
export interface PlaceOfReading {
  fact: string;
  label: string;
  /** the vocabulary list its places' codes come from (a city or province of one of them counts too) */
  codes?: string;
  /** a parameter holding the table of code changes (former → successor): a former code is read as its successor */
  successions?: string;
}

export interface PlaceValues {
  code: string;
  values: Array<{ from: string; value: unknown }>;
}

/**
 * `≤`/`≥` another parameter (its value on the same date, for the same place) or a number. The
 * shape leaves room for a bound set by a superior instrument (a key `instrument:` beside `param:`, not read yet).
 */
export interface ParameterLimit {
  relation: 'atMost' | 'atLeast';
  /** a parameter's name, or a literal number */
  parameter?: string;
  value?: number;
  /** why (the superior text), shown in the message */
  reason?: string;
}

export interface InterpretationSpec {
  id: string;
  title: string;
  articles: ArticleRef[];
  question: string;
  reading: string;
  alternatives: InterpretationAlternative[];
  /** the executable alternative taken by default (when any alternative has an id) */
  default?: string;
  reasoning: string;
  sources: string[];
  file: string;
  location: Location;
}

/** A reading an interpretation could take; with an `id`, an executable one: a declared difference. */
export interface InterpretationAlternative {
  id?: string;
  reading: string;
  consequence?: string;
  /** parameter name → its value under this reading */
  parameters?: Record<string, unknown>;
  /** rules switched off under this reading */
  rulesOff?: string[];
}

export interface DerivedFactSpec {
  name: string;
  label: string;
  function: string;
  args: Record<string, ValueSpec>;
  articles: ArticleRef[];
  interpretations: string[];
  file: string;
  location: Location;
  /** for a fact the engine wrote from a declaration (a requirement): where that is in its file */
  origin?: PathSegment[];
}

/** One requirement of a service (engine/load/requirements.ts): declared once, in YAML. */
export interface Requirement {
  service: string;
  code: string;
  label: string;
  /** the article cited for it on a notice; `articles` are those its rule cites */
  article: ArticleRef;
  articles: ArticleRef[];
  /** codes, or `{ param: NAME }` for a parameter's list of codes (dated) */
  satisfiedBy: Array<string | { param: string }>;
  /** how many are needed: a number or `{ param: NAME }` */
  count: number | { param: string };
  /** other codes that satisfy it when a condition holds (under 16: the household register) */
  alternatives: Array<{ satisfiedBy: Array<string | { param: string }>; when: Record<string, unknown>; note: string }>;
  unit?: string;
  when?: Record<string, unknown>;
  file: string;
  location: Location;
}

/** What a service needs handed in: where the case lists it, where missing items go. */
export interface ServiceRequirements {
  name: string;
  /** case fact: code → how many handed in */
  handedIn: string;
  /** decision field (a list) the code of each unmet requirement is added to */
  missing: string;
  /** the vocabulary list the codes are from */
  codes: string;
  requirements: Requirement[];
}

/**
 * Two dates of a case that cannot be in the other order (regulation.yaml `dateOrders:`): each
 * side is fact names (`asOf` or a case path), the first the case has counting; a list fact
 * gives each item, a resident ID number the birth date it carries.
 */
export interface DateOrder {
  earlier: string[];
  later: string[];
}

/** A code of a vocabulary list: its Chinese name and, optionally, a description. */
export interface CodeEntry {
  label: string;
  description?: string;
}

/** Code → entry. Read with `own()`: codes come from the rule files. */
export type CodeList = Record<string, CodeEntry>;

export interface Vocabulary {
  /** case fact path → Chinese label (traces) */
  facts: Record<string, string>;
  /** decision value → Chinese label */
  values: Record<string, string>;
  /** the regulation's own code lists by name (regulation.yaml `vocabulary.lists`, parameters' `labels`) */
  lists: Record<string, CodeList>;
  /** requirement code → its Chinese name: a missing item is named by the requirement it fails */
  requirements: Record<string, string>;
}

/**
 * A loaded regulation. Its records are keyed by names from the rule files: read them with
 * `own()` (engine/core/own.ts) or Object.hasOwn, never `record[name]` alone, which
 * would find `constructor` or `toString` in any object.
 */
export interface Regulation {
  id: string;
  title: string;
  dir: string;
  articles: Article[];
  rules: RuleSpec[];
  decisions: Record<string, DecisionSpec>;
  parameters: Record<string, ParameterSpec>;
  interpretations: Record<string, InterpretationSpec>;
  derived: Record<string, DerivedFactSpec>;
  /** requirements by service (decision name) */
  requirements: Record<string, ServiceRequirements>;
  vocabulary: Vocabulary;
  caseSchema: Record<string, unknown>;
  /** content hash of every file the rules were loaded from */
  ruleset: string;
  files: string[];
  /** dates of a case that cannot be in the other order */
  dateOrders: DateOrder[];
  /** the published text (source.txt) */
  sourceText: string;
}
