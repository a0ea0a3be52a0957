// The counter's office against the case: the residence (现居住地) and the permit's issuer (原办证机关,
// arts. 14 ¶2, 15, 16), as the form's `office:` says (engine/project/offices/office-fit.ts). Each
// mismatch is said in words; the clerk ticks that the office was checked before 登记 or printing.
// A new case (or another office) asks again.
import { useEffect, useMemo, useState } from 'react';
import { officeMismatches, type OfficeMismatch } from '../../../engine/project/offices/office-fit.js';
import type { Office } from '../../../engine/project/offices/office-model.js';
import type { FormDefinition } from '../../../engine/project/forms/form-model.js';
import type { Regulation } from '../../../engine/model/model.js';
import type { CaseInput } from '../../../engine/explain/decider.js';
import { useMessages } from '../shared/i18n.js';
import { Law } from '../shared/law-text.js';

export interface OfficeCheckState {
  mismatches: OfficeMismatch[];
  /** there are mismatches the clerk has confirmed */
  confirmed: boolean;
  /** there are mismatches not yet confirmed: 登记 and printing wait */
  unconfirmed: boolean;
  setConfirmed: (on: boolean) => void;
}

export function useOfficeMismatches(form: FormDefinition | undefined, office: Office | undefined, input: CaseInput | null, regulation: Regulation | undefined): OfficeCheckState {
  const mismatches = useMemo(
    () => (form && office && input && regulation ? officeMismatches(form.office, office, input, regulation) : []),
    [form, office, input, regulation],
  );
  const key = JSON.stringify([office?.id, mismatches.map((m) => m.message)]);
  const [confirmedKey, setConfirmedKey] = useState<string | null>(null);
  // another office, or a case that points elsewhere in other words: confirmed anew
  useEffect(() => setConfirmedKey((k) => (k === key ? k : null)), [key]);
  const confirmed = mismatches.length > 0 && confirmedKey === key;
  return { mismatches, confirmed, unconfirmed: mismatches.length > 0 && !confirmed, setConfirmed: (on) => setConfirmedKey(on ? key : null) };
}

export function OfficeMismatches({ check }: { check: OfficeCheckState }) {
  const t = useMessages();
  if (check.mismatches.length === 0) return null;
  return (
    <div className="office-warning" role="alert" data-testid="office-mismatch">
      <p>{t.officeMismatch}</p>
      <ul>{check.mismatches.map((m) => <li key={m.code} data-testid={`office-mismatch-${m.code}`}><Law>{m.message}</Law></li>)}</ul>
      <label>
        <input type="checkbox" data-testid="office-confirm" checked={check.confirmed} onChange={(e) => check.setConfirmed(e.target.checked)} />
        {t.officeConfirm}
      </label>
      {check.unconfirmed && <p className="muted small">{t.officeConfirmFirst}</p>}
    </div>
  );
}
