// A long job's worker thread (a replay of the register) gives way to the server's own thread:
// the server must answer the counter (GET /, a store) within its 200 ms while tens of
// thousands of records are decided again, and on a machine of two cores the worker and the
// server's thread would otherwise share them equally with everything else running there.
// On Linux a nice value belongs to one thread, so the worker lowers its own — never the
// server's thread (whose id is the process id) — and takes what the server leaves; elsewhere
// it runs as it is.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** How far below the server's thread a background job runs (a nice value: 0 normal, 19 lowest). */
export const BACKGROUND_NICE = 10;

/** Lowers the calling worker thread's priority; whether it could. */
export function yieldToServer(nice = BACKGROUND_NICE): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const tid = Number(/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1]);
    if (!Number.isInteger(tid) || tid <= 0 || tid === process.pid) return false; // the main thread: never
    setPriority(tid, nice);
    return true;
  } catch {
    return false; // not permitted, or no /proc: the job runs at the server's priority
  }
}
