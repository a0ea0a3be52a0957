// On the counter: "登记" stores the decision just shown under this desk's office and clerk. The
// server decides the case again itself and stores its own decision; the clerk sees the
// document number it was given (and can open it in the 台账).
import { useEffect, useState } from 'react';
import type { CaseInput } from '../../../engine/explain/decider.js';
import { useMessages } from '../shared/i18n.js';
import { href } from '../shared/router.js';
import { useCounterDesk } from '../counter/counter-desk.js';
import { useCounterOffice } from '../counter/OfficePicker.js';
import { useTyping } from '../counter/typing-store.js';
import { recordDecision, type RegisterEntry } from './register-api.js';
import './register.css';

/** A request id for one store (crypto.getRandomValues: randomUUID needs a secure context, a LAN address is not one). */
const newRequestId = (): string => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * `onRecorded`: the counter prints the recorded decision's pages with the number it was given.
 * `deciding`: the form has changed since the decision shown; 登记 waits for the new decision, so
 * a clerk who types the last material and clicks at once never records the case without it.
 * `officeUnconfirmed`: the office does not match the case (arts. 14–16) and the clerk has not
 * confirmed yet: 登记 waits; once confirmed, the server is told so (it refuses otherwise).
 */
export function RecordDecision({ form, input, deciding, officeUnconfirmed = false, officeConfirmed = false, onRecorded }: {
  form: string; input: CaseInput | null; deciding: boolean; officeUnconfirmed?: boolean; officeConfirmed?: boolean; onRecorded?: (entry: RegisterEntry) => void;
}) {
  const t = useMessages();
  const desk = useCounterDesk();
  const { operator, signedIn } = useCounterOffice();
  const typing = useTyping();
  const [state, setState] = useState<{ busy?: boolean; entry?: RegisterEntry; error?: string }>({});
  const key = input ? JSON.stringify(input) : '';
  // one request id per case shown: clicking again after an error (an answer lost on the way, say)
  // sends the same one, and the server answers with the record the first click made
  const [requestId, setRequestId] = useState(newRequestId);
  useEffect(() => {
    setState({}); // another case: nothing recorded for it yet
    setRequestId(newRequestId());
  }, [key]);
  if (!input) return null;
  const ready = Boolean(desk.officeId && operator.trim());
  const record = async () => {
    setState({ busy: true });
    try {
      // signed in, the server records the signed-in person (it takes no operator from a request)
      const entry = await recordDecision({ case: input, officeId: desk.officeId, operator: signedIn ? undefined : operator, form, requestId, ...(officeConfirmed ? { officeConfirmed: true } : {}) });
      setState({ entry });
      onRecorded?.(entry);
    } catch (e) {
      setState({ error: (e as Error).message });
    }
  };
  return (
    <div className="record-decision" data-testid="record-decision">
      <button type="button" data-testid="record" disabled={!ready || deciding || typing || officeUnconfirmed || state.busy || Boolean(state.entry)} onClick={() => void record()}>
        {state.busy ? t.registerRecording : t.registerRecord}
      </button>
      {!ready && <span className="muted small"> {t.registerNeedDesk}</span>}
      {state.entry && (
        <p data-testid="recorded">{t.registerRecorded} <a className="number" href={href('register', { id: String(state.entry.id) })}>{state.entry.documentNumber}</a></p>
      )}
      {state.error && <p className="error" data-testid="record-error">{state.error}</p>}
    </div>
  );
}
