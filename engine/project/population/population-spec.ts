// A population file as the generator takes it, compiled by check-population.ts: the span of
// decision dates, and the steps that draw one case, in the file's order. Each step names a
// case fact (a path of the project's case schema) or a helper value (`draw.NAME`, not in the
// case), and its alternatives: the first whose condition holds draws the value.
import type { DateSpan } from './population-span.js';

export type Shares = ReadonlyArray<readonly [unknown, number]>;
export interface Band { from: number; to: number; share: number }

/** A rules-style condition (all / any / not / { fact, operator, value }), checked before use. */
export type Condition = unknown;

/** How a value is worked out: a literal, another value read, or a draw. */
export type Expr =
  | { kind: 'literal'; value: unknown }
  | { kind: 'read'; name: string }
  | Draw;

export interface Amounts { years?: Expr; months?: Expr; days?: Expr }

export type DrawKind =
  | { kind: 'value'; value: Expr }
  | { kind: 'shares'; shares: Shares }
  | { kind: 'bands'; bands: Band[] }
  | { kind: 'between'; from: number; to: number }
  | { kind: 'chance'; p: number }
  | { kind: 'oneOf'; items: unknown[] }
  | { kind: 'date'; base: Expr; plus?: Amounts; minus?: Amounts }
  | { kind: 'earliest' | 'latest'; items: Expr[] }
  | { kind: 'fullYears'; from: Expr; to: Expr }
  | { kind: 'residentId'; region: Expr; birthDate: Expr }
  | { kind: 'series'; after: Expr; every: Amounts; before: Expr; shift?: Amounts; most?: Expr }
  | { kind: 'entries'; entries: Array<{ key: Expr; value: Expr; when?: Condition; probability?: number }> };

export type Draw = DrawKind & {
  when?: Condition;
  /** the value is given in this share of the cases where `when` holds, else left out */
  probability?: number;
  atLeast?: Expr;
  atMost?: Expr;
};

export interface Step {
  /** `draw.NAME` or a case fact path (`person.birthDate`) */
  name: string;
  alternatives: Draw[];
}

export interface PopulationSpec {
  label: string;
  /** the decision dates (asOf) the cases are drawn over */
  spans: DateSpan[];
  /** working days only (Monday to Friday), or every day */
  days: 'workdays' | 'everyDay';
  size: number;
  seed: number;
  steps: Step[];
}
