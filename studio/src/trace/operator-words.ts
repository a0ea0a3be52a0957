// How a trace reads an operator, in the interface's language: the Chinese words are the
// engine's own (engine/core/operators.ts `reads`); an operator the studio has no words for
// shows by its name.
import type { Messages } from '../shared/i18n.js';

export function operatorWords(operator: string, t: Messages): string {
  return Object.hasOwn(t.operators, operator) ? t.operators[operator] : operator;
}
