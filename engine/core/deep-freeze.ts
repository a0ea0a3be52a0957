// Values nothing may change once made: a parameter's value every run shares, a regulation's
// vocabulary (whose words a trace may keep, engine/explain/describe-value.ts).

/** The value and everything in it made unchangeable (each object once, so a circle ends). */
export function deepFreeze<T>(value: T, seen = new WeakSet<object>()): T {
  if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const v of Object.values(value)) deepFreeze(v, seen);
    Object.freeze(value);
  }
  return value;
}

/** Whether nothing in a value can change any more (each object looked at once). */
export function isDeepFrozen(value: object, seen = new WeakSet<object>()): boolean {
  if (seen.has(value)) return true;
  if (!Object.isFrozen(value)) return false;
  seen.add(value);
  for (const v of Object.values(value)) if (v !== null && typeof v === 'object' && !isDeepFrozen(v, seen)) return false;
  return true;
}

/**
 * Whether nothing in a value can change any more, remembered once found (frozen stays frozen):
 * a parameter's table is looked through once, then known. A value found changeable is looked at
 * again next time, as it may be frozen since.
 */
const settledValues = new WeakSet<object>();
export function isSettled(value: object): boolean {
  if (settledValues.has(value)) return true;
  if (!Object.isFrozen(value) || !isDeepFrozen(value)) return false;
  settledValues.add(value);
  return true;
}
