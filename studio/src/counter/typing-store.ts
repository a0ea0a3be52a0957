// "The clerk is typing": set by a keystroke in the counter's form, before JSON Forms passes the
// new data on, so the older decision is hidden at once. Kept outside the counter page's state:
// re-rendering the form on every keystroke would reset a date field half typed.
import { useSyncExternalStore } from 'react';

let typing = false;
let unstick: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function set(value: boolean): void {
  if (typing === value) return;
  typing = value;
  listeners.forEach((l) => l());
}

/** A keystroke: the decision shown is about to be out of date (shown again if nothing changes). */
export function keystroke(): void {
  set(true);
  clearTimeout(unstick);
  unstick = setTimeout(() => set(false), 1500);
}

/** The decision for what was typed is there. */
export function decided(): void {
  clearTimeout(unstick);
  set(false);
}

export function useTyping(): boolean {
  return useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), () => typing);
}
