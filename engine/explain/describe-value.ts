// A value as a person reads it in a trace: 是/否, the Chinese name of a code, a list.
import type { Vocabulary } from '../model/model.js';
import { own } from '../core/own.js';
import { isSettled } from '../core/deep-freeze.js';

/** Per vocabulary that cannot change (the regulation's, frozen once built): each code's name, looked up once. */
const names = new WeakMap<Vocabulary, Map<string, string | null>>();
const KEEP_NAMES = 10_000;

/** The Chinese name of a code: a value, a requirement, or a code of one of the regulation's lists (own entries only). */
export function nameOf(code: string, vocabulary: Vocabulary): string | undefined {
  let known = names.get(vocabulary);
  // null: looked up, no name
  const kept = known?.get(code);
  if (kept !== undefined) return kept ?? undefined;
  const name = lookUp(code, vocabulary);
  if (!known && isSettled(vocabulary)) names.set(vocabulary, (known = new Map()));
  if (known) {
    if (known.size >= KEEP_NAMES) known.clear();
    known.set(code, name ?? null);
  }
  return name;
}

function lookUp(code: string, vocabulary: Vocabulary): string | undefined {
  const named = own(vocabulary.values, code) ?? own(vocabulary.requirements, code);
  if (named !== undefined) return named;
  for (const list of Object.values(vocabulary.lists)) {
    const entry = own(list, code);
    if (entry) return entry.label;
  }
  return undefined;
}

/** The words of values that cannot change, per vocabulary: a parameter's table is described once, not in every trace. */
const described = new WeakMap<Vocabulary, WeakMap<object, string>>();

export function describeValue(value: unknown, vocabulary: Vocabulary): string {
  if (value !== null && typeof value === 'object' && Object.isFrozen(value)) {
    let kept = described.get(vocabulary);
    const known = kept?.get(value);
    if (known !== undefined) return known;
    const text = describeOnce(value, vocabulary);
    // only words nothing can change are a key: the regulation's, frozen once built
    if (isSettled(vocabulary) && isSettled(value)) {
      if (!kept) described.set(vocabulary, (kept = new WeakMap()));
      kept.set(value, text);
    }
    return text;
  }
  return describeOnce(value, vocabulary);
}

function describeOnce(value: unknown, vocabulary: Vocabulary): string {
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
