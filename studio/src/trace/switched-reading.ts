// 推理's address may name a reading to decide the case under (reading=interpretation=alternative,
// from the reading switch): taken only when the rules have that interpretation and alternative.
import type { Regulation } from '../../../engine/model/model.js';

/** A reading named in the address (`reading=interpretation=alternative`), when the rules know it: the case is decided under it, as a switch. */
export function switchedReading(param: string | null, regulation: Regulation | undefined): Record<string, string> | undefined {
  const at = param?.indexOf('=') ?? -1;
  if (!param || at < 1 || !regulation) return undefined;
  const id = param.slice(0, at);
  const alternative = param.slice(at + 1);
  const i = Object.hasOwn(regulation.interpretations, id) ? regulation.interpretations[id] : undefined;
  return i?.alternatives.some((a) => a.id === alternative) ? { [id]: alternative } : undefined;
}
