// A value as a person reads it in a trace: 是/否, the Chinese name of a code, a list.
import type { Vocabulary } from '../model/model.js';
import { own } from '../core/own.js';

/** The Chinese name of a code: a value, a requirement, or a code of one of the regulation's lists (own entries only). */
export function nameOf(code: string, vocabulary: Vocabulary): string | undefined {
  const named = own(vocabulary.values, code) ?? own(vocabulary.requirements, code);
  if (named !== undefined) return named;
  for (const list of Object.values(vocabulary.lists)) {
    const entry = own(list, code);
    if (entry) return entry.label;
  }
  return undefined;
}

export function describeValue(value: unknown, vocabulary: Vocabulary): string {
  if (value === undefined || value === null) return '（无）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.length ? `[${value.map((v) => describeValue(v, vocabulary)).join('、')}]` : '[]（空）';
  if (typeof value === 'string') {
    const name = nameOf(value, vocabulary);
    return name ? `${value}（${name}）` : value;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A value as counter staff read it: the Chinese name alone, 是/否, a list joined with 、. */
export function labelOf(value: unknown, vocabulary: Vocabulary): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.length ? value.map((v) => labelOf(v, vocabulary)).join('、') : '无';
  if (typeof value === 'string') return nameOf(value, vocabulary) ?? value;
  return String(value);
}
