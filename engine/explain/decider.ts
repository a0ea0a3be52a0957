// Decides cases: evaluate/ runs the rules and gives a run record, explain-decision.ts turns
// it into the decision document with its trace (CASES.md §2). What the command line, the
// server, the studio and the tests call. A case is decided under the readings of the
// interpretations it names (CASES.md §1 `readings:`), else under `--reading`, else each
// interpretation's default: one evaluator per combination of readings, kept.
import type { Regulation } from '../model/model.js';
import { applyReadings, sharedDefaultReadings, readingsKey, resolveReadings, type Readings } from '../model/readings.js';
import { Evaluator, type CaseInput, type EngineChoice } from '../evaluate/decider.js';
import { decisionDocument, type DecisionDocument } from './explain-decision.js';
import { compiledDocument } from './compiled-document.js';
import { compiledDocumentText, type InstrumentPart } from './compiled-document-text.js';
import { compiledTracedText } from './compiled-trace-text.js';

export { EvaluationError } from '../core/evaluation-error.js';
export type { EngineChoice } from '../evaluate/decider.js';
export type { CaseInput } from '../model/case/case-input.js';
export type { AppliedInstrument, Decision, DecisionDocument } from './explain-decision.js';

/** Each decision's fields alone (Decider.decideFields). */
export interface DecidedFields { decisions: Record<string, Record<string, unknown>> }

export interface DecideOptions {
  /** give `because` (default true; made when first read, from what the run recorded) */
  trace?: boolean;
}

export interface DeciderOptions {
  /** readings that override every case's own (`--reading ID=ALT`) */
  readings?: Readings;
  /** `compiled` (default): rules compiled at load; `jre`: json-rules-engine, the reference path (`--engine jre`) */
  engine?: EngineChoice;
  /** `false`: the compiled rules' conditions run as closures rather than generated source (compiled/generate-rules.ts) */
  generated?: boolean;
  /** internal: this decider runs `regulation` with these readings already applied to `base` */
  applied?: { base: Regulation; readings: Readings };
}

export class Decider extends Evaluator {
  /** the loaded regulation, before any reading is applied */
  readonly base: Regulation;
  /** the readings this decider's rules are under */
  readonly readings: Readings;
  private readonly overrides?: Readings;
  private readonly variants = new Map<string, Decider>();
  /** the decider for a case that names no readings of its own */
  private plain?: Decider;

  constructor(regulation: Regulation, options: DeciderOptions = {}) {
    const readings = options.applied?.readings ?? sharedDefaultReadings(regulation);
    super(options.applied ? regulation : applyReadings(regulation, readings), options.engine ?? 'compiled', { generated: options.generated });
    this.base = options.applied?.base ?? regulation;
    this.readings = readings;
    this.overrides = options.readings;
  }

  /** The decider for a set of readings: this one, or one kept per combination. */
  under(readings: Readings): Decider {
    const key = readingsKey(readings);
    if (key === readingsKey(this.readings)) return this;
    let variant = this.variants.get(key);
    if (!variant) {
      variant = new Decider(applyReadings(this.base, readings), { applied: { base: this.base, readings }, engine: this.engine, generated: this.compileOptions.generated });
      this.variants.set(key, variant);
    }
    return variant;
  }

  /** The decider for one case's readings (its own, then --reading); an unknown reading is an error naming it. */
  forCase(input: CaseInput): Decider {
    if (input.readings === undefined) return (this.plain ??= this.under(resolveReadings(this.base, undefined, this.overrides)));
    return this.under(resolveReadings(this.base, input.readings, this.overrides));
  }

  /** Decide one case. Cases are decided one after another, each on an engine (or arrays) of its own. */
  async decide(input: CaseInput, options: DecideOptions = {}): Promise<DecisionDocument> {
    return this.forCase(input).decideHere(input, options);
  }

  /** Decide under this decider's own readings (the case's `readings:` already chosen: `under`). */
  async decideHere(input: CaseInput, options: DecideOptions): Promise<DecisionDocument> {
    if (this.engine === 'compiled') return compiledDocument(this, this.runCompiled(input, options.trace !== false), options.trace !== false, this.readings);
    return decisionDocument(this, await this.evaluate(input), options.trace !== false, this.readings);
  }

  /**
   * The decision document as JSON text, the same as JSON.stringify(await decide(input, options)):
   * on the compiled path written straight from the run, with the trace or without.
   */
  async decideText(input: CaseInput, options: DecideOptions = {}): Promise<string> {
    return this.forCase(input).decideTextHere(input, options);
  }

  /**
   * decideText under this decider's own readings; `instrument` is the text of the document's
   * `instrument` and `applied` keys (a project's instruments), written before its decisions.
   */
  async decideTextHere(input: CaseInput, options: DecideOptions, instrument?: InstrumentPart): Promise<string> {
    if (this.engine === 'compiled' && options.trace === false) return compiledDocumentText(this, this.runCompiled(input, false), instrument?.readings ?? this.readings, instrument);
    if (this.engine === 'compiled') return compiledTracedText(this, this.runCompiled(input, true), instrument?.readings ?? this.readings, instrument);
    const doc = await this.decideHere(input, options);
    return JSON.stringify(instrument ? instrument.add(doc) : doc);
  }

  /**
   * Each decision's fields alone (no grounds, no trace): what a comparison of many cases needs
   * (the studio's population impact). The same values as `decide(input).decisions`.
   */
  async decideFields(input: CaseInput): Promise<DecidedFields> {
    return this.forCase(input).fieldsHere(input);
  }

  /** decideFields under this decider's own readings. */
  async fieldsHere(input: CaseInput): Promise<DecidedFields> {
    if (this.engine === 'compiled') {
      // runCompiled throws first when the rules cannot run at all
      const run = this.runCompiled(input, false);
      return { decisions: this.compiled!.fieldsOf(run) };
    }
    return { decisions: (await this.evaluate(input)).fields };
  }

  /** Decide one case and return, beside the document, every fact value the rules used. */
  async decideWithFacts(input: CaseInput): Promise<{ document: DecisionDocument; facts: Record<string, unknown> }> {
    const decider = this.forCase(input);
    const record = await decider.evaluate(input);
    return { document: decisionDocument(decider, record, true, decider.readings), facts: decider.factsUsed(record.state) };
  }
}
