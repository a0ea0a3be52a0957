// Decides cases: evaluate/ runs the rules and gives a run record, explain-decision.ts turns
// it into the decision document with its trace (CASES.md §2). What the command line, the
// server, the studio and the tests call.
import type { Regulation } from '../model/model.js';
import { Evaluator, type CaseInput } from '../evaluate/decider.js';
import { decisionDocument, type DecisionDocument } from './explain-decision.js';

export { EvaluationError } from '../core/evaluation-error.js';
export type { CaseInput } from '../model/case/case-input.js';
export type { Decision, DecisionDocument } from './explain-decision.js';

export interface DecideOptions {
  /** build `because` (default true); without it a batch runs about twice as fast */
  trace?: boolean;
}

export class Decider extends Evaluator {
  constructor(regulation: Regulation) {
    super(regulation);
  }

  /** Decide one case. Cases are decided one after another, each on an engine of its own. */
  async decide(input: CaseInput, options: DecideOptions = {}): Promise<DecisionDocument> {
    return decisionDocument(this, await this.evaluate(input), options.trace !== false);
  }

  /** Decide one case and return, beside the document, every fact value the rules used. */
  async decideWithFacts(input: CaseInput): Promise<{ document: DecisionDocument; facts: Record<string, unknown> }> {
    const record = await this.evaluate(input);
    return { document: decisionDocument(this, record, true), facts: this.factsUsed(record.state) };
  }
}
