// 查阅记录, for 法制审核: every time someone saw a stored decision's full ID number or
// telephone — who (an account, or the operator and system account of `register list --unmask`),
// when, which record, why — newest first. The server keeps it append-only.
import { useEffect, useState } from 'react';
import { useMessages } from '../shared/i18n.js';
import { DataText } from '../shared/law-text.js';
import { href } from '../shared/router.js';
import { fetchAccessLog, type AccessLogEntry } from './register-api.js';
import './register.css';

/** When, in the counter's time zone, as the interface's language writes it. */
const shownTime = (iso: string, locale: string) => new Date(iso).toLocaleString(locale, { timeZone: 'Asia/Shanghai', hour12: false });

export function AccessLogPage() {
  const t = useMessages();
  const [entries, setEntries] = useState<AccessLogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetchAccessLog().then((r) => setEntries(r.entries), (e: Error) => setError(e.message));
  }, []);
  return (
    <div className="register-page" data-testid="access-log">
      <h2>{t.accessLog}</h2>
      <p className="muted">{t.accessLogIntro}</p>
      {error && <p className="error" data-testid="access-log-error">{error}</p>}
      {entries && entries.length === 0 && <p className="muted">{t.accessLogNone}</p>}
      {entries && entries.length > 0 && (
        <div className="register-table-box" role="region" aria-label={t.accessLog} tabIndex={0}>
          <table className="register-table">
            <thead><tr><th>{t.accessLogWhen}</th><th>{t.accessLogWho}</th><th>{t.accessLogRecord}</th><th>{t.accessLogReason}</th></tr></thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-testid="access-log-row">
                  <td>{shownTime(e.at, t.locale)}</td>
                  <td><DataText text={e.via === 'command-line' ? `${e.accountName}（${t.accessLogCommandLine} ${e.osUser ?? ''}）` : e.accountName} /></td>
                  <td><a href={href('register', { id: String(e.decisionId) })}>{e.documentNumber}</a></td>
                  <td><DataText text={e.reason} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
