// How the trace names the fields of a worked-out result (a derived fact whose value has
// `steps`): the regulation's words for them (vocabulary.facts `derived.NAME.FIELD`, e.g. a
// validity's end named 有效期至), in the result's order; when it names none, every field but
// the steps, by its own name. The command line's trace and the studio's say the same.
import type { Vocabulary } from '../model/model.js';
import { own } from '../core/own.js';

export function workedFields(vocabulary: Vocabulary, name: string, worked: Record<string, unknown>): Array<[string, unknown]> {
  const fields = Object.keys(worked).filter((k) => k !== 'steps');
  const named = fields.flatMap((k): Array<[string, unknown]> => {
    const label = own(vocabulary.facts, `derived.${name}.${k}`);
    return label === undefined ? [] : [[label, worked[k]]];
  });
  return named.length ? named : fields.map((k) => [k, worked[k]]);
}
