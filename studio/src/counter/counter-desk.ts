// The counter's desk: which issuing office this browser serves and who is at the counter.
// Chosen once (kept in this browser), then named on every printed document and every
// decision stored in the register. Only the office's id is kept here; its name, address and
// telephone come from forms/offices.yaml through the project.
import { useSyncExternalStore } from 'react';

export interface CounterDesk {
  /** `id` of an office in forms/offices.yaml, or undefined until the counter picks one */
  officeId?: string;
  /** the clerk's name as it is printed and stored (经办人) */
  operator: string;
}

const DESK_KEY = 'tiaoli.desk';
const listeners = new Set<() => void>();
let desk: CounterDesk = readDesk();

function readDesk(): CounterDesk {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(DESK_KEY) ?? '{}');
    if (stored === null || typeof stored !== 'object') return { operator: '' };
    const officeId = Object.hasOwn(stored, 'officeId') ? (stored as { officeId: unknown }).officeId : undefined;
    const operator = Object.hasOwn(stored, 'operator') ? (stored as { operator: unknown }).operator : undefined;
    return {
      officeId: typeof officeId === 'string' && officeId !== '' ? officeId : undefined,
      operator: typeof operator === 'string' ? operator : '',
    };
  } catch {
    return { operator: '' }; // unreadable or denied storage: the desk is chosen again
  }
}

export function setCounterDesk(patch: Partial<CounterDesk>): void {
  desk = { ...desk, ...patch };
  try {
    localStorage.setItem(DESK_KEY, JSON.stringify(desk));
  } catch {
    /* storage denied: the choice lives in this tab */
  }
  listeners.forEach((l) => l());
}

export function useCounterDesk(): CounterDesk {
  return useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), () => desk);
}
