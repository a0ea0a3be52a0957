// Lets the other requests waiting on this thread run before the next long step: an `await` of
// work that finishes at once only lets promises run, not the server's waiting requests.
export const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
