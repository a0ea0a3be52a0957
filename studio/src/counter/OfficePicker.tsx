// The counter picks its issuing office once (kept in this browser, counter-desk.ts) and names
// its clerk: the office heads every printed document and gives the address, telephone and
// hours for handing in, and the authority that hears 行政复议. Details forms/offices.yaml has
// not confirmed are said here, beside the choice, as they are left blank on paper.
import { useProject } from '../shared/project-store.js';
import { decides } from '../shared/model.js';
import { useMessages } from '../shared/i18n.js';
import { setCounterDesk, useCounterDesk } from './counter-desk.js';
import type { Office } from '../../../engine/project/offices/office-model.js';
import { DataText, Law } from '../shared/law-text.js';
import { signedInName, useSession } from '../shared/session.js';
import './office-picker.css';

/** The offices of the model the counter decides with (the working copy when it loads). */
function useOffices(): Map<string, Office> | undefined {
  const project = useProject();
  const model = decides(project.workingModel) ? project.workingModel : project.savedModel;
  return model?.offices;
}

/**
 * The office this counter serves, when it has picked one that the offices file still has, and
 * its clerk: the signed-in person; in single-user mode (no accounts) the name typed at the desk.
 */
export function useCounterOffice(): { office?: Office; operator: string; signedIn: boolean } {
  const offices = useOffices();
  const desk = useCounterDesk();
  const name = signedInName(useSession());
  return { office: desk.officeId === undefined ? undefined : offices?.get(desk.officeId), operator: name ?? desk.operator, signedIn: name !== undefined };
}

export function OfficePicker() {
  const t = useMessages();
  const offices = useOffices();
  const desk = useCounterDesk();
  const { office, operator, signedIn } = useCounterOffice();
  const list = [...(offices?.values() ?? [])];
  // what forms/offices.yaml has not confirmed (as office-model's unconfirmedFields), in the interface's words
  const details = { address: t.officeAddress, phone: t.officePhone, hours: t.officeHours } as const;
  const missing = !office ? [] : office.confirmed
    ? (Object.keys(details) as Array<keyof typeof details>).filter((k) => office[k] === null).map((k) => details[k])
    : [t.officeName, ...Object.values(details)];
  const detail = (label: string, value: string | null) => <>{label}{t.colon}{value === null ? t.unknownDetail : <DataText text={value} />}</>;
  return (
    <div className="office-picker" data-testid="office-picker">
      <div className="office-choice">
        <label>{t.office}{t.colon}
          <select data-testid="office" value={office?.id ?? ''} onChange={(e) => setCounterDesk({ officeId: e.target.value || undefined })}>
            <option value="">{t.chooseOffice}</option>
            {list.map((o) => <option key={o.id} value={o.id} lang="zh-CN">{o.name}</option>)}
          </select>
        </label>
        {signedIn
          ? <span data-testid="operator-signed-in">{t.operator}{t.colon}<DataText text={operator} />{t.operatorFromSignIn}</span>
          : (
            <label>{t.operator}{t.colon}
              <input data-testid="operator" value={desk.operator} maxLength={40} size={8} onChange={(e) => setCounterDesk({ operator: e.target.value })} />
            </label>
          )}
      </div>
      {list.length === 0 && <p className="office-warning" data-testid="office-warning">{t.noOffices}</p>}
      {list.length > 0 && !office && <p className="muted small">{t.officeChosenOnce}</p>}
      {office && (
        <p className="muted small" data-testid="office-details">
          {detail(t.officeAddress, office.address)} · {detail(t.officePhone, office.phone)} · {detail(t.officeHours, office.hours)} · {t.reconsiderationBy}{t.colon}<Law>{office.reconsideration.name}</Law>
        </p>
      )}
      {missing.length > 0 && <p className="office-warning" data-testid="office-unconfirmed">{t.officeUnconfirmed}{missing.join(t.listSeparator)}</p>}
    </div>
  );
}
