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
