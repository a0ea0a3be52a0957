// What the impact worker answers (structured-clone plain data only).

/** One change of one decision field, from the saved rules to the working copy. */
export interface Transition {
  decision: string;
  field: string;
  before: string;
  after: string;
  count: number;
  /** indexes of a few cases that make it, to open in the trace */
  examples: number[];
}

export interface ImpactResult {
  kind: 'done';
  /** which case set (the population; the register slice adds its own) */
  source: string;
  size: number;
  /** cases with at least one decision field changed */
  changedCases: number;
  /** the first and last decision date (asOf) of the cases compared */
  dates?: { from: string; to: string };
  /** the dates the change concerns (population-span.ts changeDates) */
  concerned?: string[];
  /** a drawn population: the span its file declares, and whether it was widened to cover `concerned` */
  declared?: { from: string; to: string };
  /** a drawn population: the span it was drawn over (the declared one, or widened) */
  span?: { from: string; to: string };
  widened?: boolean;
  transitions: Transition[];
  /** re-deciding and comparing under the working copy (the saved decisions are kept): the slowest worker */
  ms: number;
  /** from the edit's rules sent to the workers to the answer merged (compiling the rules included) */
  wallMs?: number;
  /** workers that shared the cases */
  workers?: number;
  /** of `ms`, the time inside decider.decide (the engine); the rest is the worker's own */
  decideMs: number;
  /** deciding under the saved rules, when it had to be done for this run (else 0) */
  savedMs: number;
}

export type ImpactAnswer = ImpactResult | { kind: 'cancelled' } | { kind: 'error'; message: string };

export interface LoadAnswer {
  count: number;
  /** located Chinese messages (file:line:column, or 第 N 行) */
  problems: string[];
  ms: number;
}

/** One worker's share of a population drawn: `count` of the `total` cases. */
export interface ShardLoad {
  count: number;
  total: number;
  problems: string[];
  ms: number;
}

export interface Progress { done: number; total: number; phase: 'saved' | 'working' | 'load' }
