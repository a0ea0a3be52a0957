// A counter form: a JSON Schema and a JSON Forms UI schema (templates that name rule
// parameters), and the mapping from its data to case facts.
import type { SourceFile } from '../../core/source-file.js';
import type { OfficeCheck } from '../offices/office-fit.js';

export interface MappingEntry {
  fact: string;
  from?: string;
  const?: unknown;
  values?: Record<string, unknown>;
  absent?: unknown;
}

export interface FormMapping {
  asOf: string;
  facts: MappingEntry[];
}

export interface FormDefinition {
  name: string;
  title: string;
  articles: string[];
  decisions: string[];
  prints: string[];
  /** the folder where fixtures made from this form are saved */
  fixtures?: string;
  /** which fact of the case names the office the service is done at (checked against the counter's) */
  office?: OfficeCheck;
  mapping?: FormMapping;
  /** form pointer → decision path whose value the form shows (read-only) */
  fromDecision: Record<string, string>;
  schemaTemplate: unknown;
  uischemaTemplate?: unknown;
  sources: { form: SourceFile; schema: SourceFile; uischema?: SourceFile };
}

export interface FormSet {
  dir: string;
  common: { definitions: Record<string, unknown> };
  forms: Record<string, FormDefinition>;
  commonSource?: SourceFile;
}

/** A form with every parameter, shared section and material list filled in, as of a date. */
export interface ResolvedForm {
  name: string;
  title: string;
  date: string;
  schema: Record<string, any>;
  uischema?: Record<string, any>;
  definition: FormDefinition;
}
