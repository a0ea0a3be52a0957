// The instruments a project decides under (rules/instruments.yaml): each normative text with
// its level, territory, term and the superior text it implements, and how this project's
// cases read in a superior's vocabulary (rules/mappings/*.yaml). Pure data, no fs.

import type { Location } from '../../core/problems.js';

export type InstrumentLevel = 'national' | 'provincial' | 'municipal';

export const LEVEL_WORDS: ReadonlyMap<InstrumentLevel, string> = new Map([
  ['national', '国家级'],
  ['provincial', '省级'],
  ['municipal', '设区的市级'],
]);

export interface Instrument {
  id: string;
  title: string;
  promulgation?: string;
  level: InstrumentLevel;
  /** division codes (GB/T 2260); 000000 is the whole country */
  territory: string[];
  /** first day in force */
  from: string;
  /** last day in force (both days included); undefined: no end */
  until?: string;
  /** the id of the instrument this one implements */
  implements?: string;
  /** 'self' (this project's rules) or a project folder relative to this project's folder */
  project: string;
  /** a mapping file below rules/ (for an instrument that is not this project's own) */
  mapping?: string;
  /**
   * the id of the instrument this one replaces (a later version of it, e.g. the measures
   * revised when they expire): the same words, so its cases need no mapping
   */
  succeeds?: string;
  /** a successor still being drafted: listed, compared, never applied until published */
  draft?: boolean;
  /** where `project` and `mapping` are written in instruments.yaml (for messages about loading them) */
  at: { project: Location; mapping?: Location };
}

export interface Instruments {
  /** the case fact whose date chooses the instrument, and its words */
  date: { fact: string; label: string };
  /** the interpretation that says what happens outside this project's own instrument's term */
  outside?: { interpretation: string; superior: string; none: string };
  /** in file order; `own` is the one with project: self */
  list: Instrument[];
  own: Instrument;
}

/** How one of this project's facts reads as a fact of the superior's cases. */
export interface FactMapping {
  from: string;
  to: string;
  /** a division code's first `digits` digits, padded with 0 to six (a county → its city); `except`: by leading digits, another count */
  division?: { digits: number; except: Map<string, number> };
}

export type CompareKind = 'more' | 'higher' | 'later' | 'earlier';

/** How one decision field of this project reads as one of the superior's, and which way is stricter. */
export interface DecisionMapping {
  local: string;
  superior: string;
  /** this project's value → the superior's (values not listed are the same word) */
  values?: Map<string, string>;
  /** the superior's values, the most favourable to the applicant first */
  order?: unknown[];
  compare?: CompareKind;
  /** where it is in the mapping file */
  line: number;
}

export interface Mapping {
  instrument: string;
  facts: FactMapping[];
  decisions: DecisionMapping[];
  file: string;
}

/** The instrument in force on a date, or undefined. */
export function inForceOn(instrument: Instrument, date: string): boolean {
  return date >= instrument.from && (instrument.until === undefined || date <= instrument.until);
}

/** "2017-10-09 至 2022-10-08" or "2016-01-01 起". */
export function termWords(instrument: Instrument): string {
  return instrument.until === undefined ? `${instrument.from} 起施行` : `${instrument.from} 至 ${instrument.until}（首尾两日都包括）`;
}
