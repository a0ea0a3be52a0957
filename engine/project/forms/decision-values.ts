// Values a form shows that the rules decide (form.yaml `fromDecision:`), e.g. whether the
// agent section of the application form shows (art. 12 ¶3): the form follows the rules.
import type { DecisionDocument } from '../../explain/decider.js';
import type { FormDefinition } from './form-model.js';
import { setPointer } from '../../core/json-pointer.js';

export function withDecisionValues(form: FormDefinition, data: Record<string, unknown>, document: DecisionDocument): Record<string, unknown> {
  const out = structuredClone(data);
  for (const [pointer, path] of Object.entries(form.fromDecision)) {
    const [decision, field] = path.split('.');
    setPointer(out, pointer, document.decisions[decision]?.[field]);
  }
  return out;
}
