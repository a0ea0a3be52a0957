// The case last decided at the counter, for the trace page and for saving as a fixture.
import { useSyncExternalStore } from 'react';
import type { CaseFromForm } from '../../../engine/project/forms/map-form.js';

export interface CounterCase extends CaseFromForm { form: string }

let current: CounterCase | null = null;
const listeners = new Set<() => void>();

export function setCounterCase(c: CounterCase | null): void {
  current = c;
  listeners.forEach((l) => l());
}

export function useCounterCase(): CounterCase | null {
  return useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), () => current);
}
