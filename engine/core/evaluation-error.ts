// An error in deciding one case: a fact that cannot be worked out, rules that disagree, a
// rule that cannot run. Always a message a person can act on, never a stack trace.
export class EvaluationError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'EvaluationError';
    this.code = code;
  }
}
