// A field shows what the person is typing, not what the rules re-read from the file: the
// text typed is the field's value; each complete value goes into the file; the file's value
// replaces the text only when it changed from elsewhere (discard, undo in the editor, a
// conflict taken from disk), never while it still says what the text says.
import { useState } from 'react';

export function useDraft<T>(value: T, format: (v: T) => string, read: (text: string) => T | undefined, same: (a: T | undefined, b: T) => boolean = Object.is): [string, (text: string) => void] {
  const [draft, setDraft] = useState(() => format(value));
  const [seen, setSeen] = useState(value);
  if (!Object.is(seen, value) && !(Array.isArray(seen) && Array.isArray(value) && JSON.stringify(seen) === JSON.stringify(value))) {
    setSeen(value);
    if (!same(read(draft), value)) setDraft(format(value));
  }
  return [draft, setDraft];
}
