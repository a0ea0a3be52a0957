// A case as the engine takes it (CASES.md §1): the decision date and the facts.
export interface CaseInput {
  name?: string;
  asOf: string;
  facts: Record<string, unknown>;
  /** interpretation id → the alternative reading to decide under (CASES.md §1 `readings:`) */
  readings?: Record<string, string>;
}
