// A case as the engine takes it (CASES.md §1): the decision date and the facts.
export interface CaseInput {
  name?: string;
  asOf: string;
  facts: Record<string, unknown>;
}
