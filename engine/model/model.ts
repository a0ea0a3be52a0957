// The shapes of a loaded regulation: what the YAML files in a rules folder become.
import type { Location } from '../core/source-file.js';

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
  file: string;
  location: Location;
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
  /** value history: the date from which each value holds → the value */
  values: Array<{ from: string; value: unknown }>;
  file: string;
  location: Location;
}

export interface InterpretationSpec {
  id: string;
  title: string;
  articles: ArticleRef[];
  question: string;
  reading: string;
  alternatives: Array<{ reading: string; consequence?: string }>;
  reasoning: string;
  sources: string[];
  file: string;
  location: Location;
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
}

/** What satisfies a requirement: material codes (or parameter lists of them) and how many. */
export interface Requirement {
  label: string;
  materials: unknown;
  count?: unknown;
  article: ArticleRef;
}

export interface Vocabulary {
  /** fact path or material code → Chinese label */
  facts: Record<string, string>;
  materials: Record<string, string>;
  requirements: Record<string, Requirement>;
  values: Record<string, string>;
  /** administrative division code → name */
  divisions: Record<string, string>;
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
  vocabulary: Vocabulary;
  caseSchema: Record<string, unknown>;
  /** content hash of every file the rules were loaded from */
  ruleset: string;
  files: string[];
  /** the published text (source.txt) */
  sourceText: string;
}
