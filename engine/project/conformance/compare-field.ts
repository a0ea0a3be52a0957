// One decision field of a local instrument against the superior's, as the mapping says:
// stricter (the local text refuses what the superior grants, demands more, a later day, a
// higher fee), more generous, or contradicting (a difference with no direction: other items,
// or a value the order does not rank). 上位法一致性审查, field by field.
import type { DecisionMapping } from '../instruments/instrument-model.js';

export type Direction = 'stricter' | 'generous' | 'contradicts';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value.map(canonical).sort());
  return JSON.stringify(value);
}

/** The local value in the superior's words (`values:`; a value not listed is the same word). */
export function inSuperiorWords(entry: DecisionMapping, local: unknown): unknown {
  return typeof local === 'string' && entry.values?.has(local) ? entry.values.get(local) : local;
}

/** How the local value stands to the superior's; undefined when they agree (or one is not decided). */
export function compareField(entry: DecisionMapping, localValue: unknown, superiorValue: unknown): Direction | undefined {
  if (localValue === undefined || superiorValue === undefined) return undefined;
  const local = inSuperiorWords(entry, localValue);
  if (canonical(local) === canonical(superiorValue)) return undefined;
  if (entry.order) {
    const l = entry.order.findIndex((v) => canonical(v) === canonical(local));
    const s = entry.order.findIndex((v) => canonical(v) === canonical(superiorValue));
    if (l < 0 || s < 0) return 'contradicts';
    return l > s ? 'stricter' : 'generous';
  }
  switch (entry.compare) {
    case 'more': {
      if (!Array.isArray(local) || !Array.isArray(superiorValue)) return 'contradicts';
      const l = new Set(local.map(canonical));
      const s = new Set(superiorValue.map(canonical));
      const lHasAll = [...s].every((x) => l.has(x));
      const sHasAll = [...l].every((x) => s.has(x));
      return lHasAll ? 'stricter' : sHasAll ? 'generous' : 'contradicts';
    }
    case 'higher':
      if (typeof local !== 'number' || typeof superiorValue !== 'number') return 'contradicts';
      return local > superiorValue ? 'stricter' : 'generous';
    case 'later':
    case 'earlier': {
      if (typeof local !== 'string' || typeof superiorValue !== 'string') return 'contradicts';
      const localLater = local > superiorValue;
      return (entry.compare === 'later') === localLater ? 'stricter' : 'generous';
    }
    default:
      return 'contradicts';
  }
}
