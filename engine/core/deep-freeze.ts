// Values nothing may change once made: a parameter's value every run shares, a regulation's
// vocabulary (whose words a trace may keep, engine/explain/describe-value.ts).

/** The value and everything in it made unchangeable. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Whether nothing in a value can change any more. */
export function isDeepFrozen(value: object): boolean {
  if (!Object.isFrozen(value)) return false;
  for (const v of Object.values(value)) if (v !== null && typeof v === 'object' && !isDeepFrozen(v)) return false;
  return true;
}
