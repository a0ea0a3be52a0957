// 后续版本: the next version of the project's text. Policy staff start a draft from the current
// version (its own id, title and term), see it article by article against the version it
// replaces and its impact on the population and the fixtures, and legal review publishes it
// (engine/server/routes/successors.ts; the server writes, checks and refuses). After a start or
// a publication the project is loaded again, so the counter decides under what is on disk.
import { useCallback, useEffect, useState } from 'react';
import { call } from '../shared/api.js';
import { fill, useMessages } from '../shared/i18n.js';
import { Law } from '../shared/law-text.js';
import { loadProject } from '../shared/project-store.js';
import { href } from '../shared/router.js';
import { hasRole, useSession } from '../shared/session.js';
import type { SuccessorReport, InstrumentSummary } from '../../../engine/project/successors/successor-report.js';
import './successors.css';

type Listed = InstrumentSummary & { succeeds: string };
interface FieldError { field: string; message: string }
/** the server's name for an error about the project rather than one field */
const PROJECT_FIELD = 'project';

export function SuccessorsPage({ id }: { id?: string }) {
  const t = useMessages();
  const session = useSession();
  const [list, setList] = useState<Listed[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | undefined>(id);
  const [report, setReport] = useState<SuccessorReport | null>(null);
  const [reportError, setReportError] = useState<string | null>(null);
  const [spec, setSpec] = useState({ id: '', title: '', from: '', until: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState<'start' | 'publish' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const answer = await call('GET', 'api/successors');
    if (answer.status !== 200) return setError(answer.data?.error ?? String(answer.status));
    setError(null);
    const successors = answer.data.successors as Listed[];
    setList(successors);
    setChosen((c) => c ?? successors.find((s) => s.draft)?.id ?? successors.at(-1)?.id);
  }, []);
  useEffect(() => void refresh(), [refresh]);

  useEffect(() => {
    if (!chosen) return setReport(null);
    let live = true;
    setReport(null);
    setReportError(null);
    void call('GET', `api/successors/${encodeURIComponent(chosen)}`).then((answer) => {
      if (!live) return;
      if (answer.status === 200) setReport(answer.data as SuccessorReport);
      else setReportError(answer.data?.error ?? String(answer.status));
    });
    return () => {
      live = false;
    };
  }, [chosen, list]);

  const start = async () => {
    setBusy('start');
    setFieldErrors([]);
    setNotice(null);
    const answer = await call('POST', 'api/successors', spec);
    setBusy(null);
    if (answer.status !== 200) {
      setFieldErrors(answer.data?.fields ?? [{ field: PROJECT_FIELD, message: answer.data?.error ?? String(answer.status) }]);
      return;
    }
    setChosen(answer.data.id);
    await Promise.all([refresh(), loadProject()]);
  };

  const publish = async (s: Listed) => {
    setBusy('publish');
    setNotice(null);
    const answer = await call('POST', `api/successors/${encodeURIComponent(s.id)}/publish`, {});
    setBusy(null);
    if (answer.status !== 200) return setReportError(answer.data?.error ?? String(answer.status));
    setNotice(fill(t.successorPublishedNow, { from: s.from, title: s.title }));
    await Promise.all([refresh(), loadProject()]);
  };

  const errorOf = (field: string) => fieldErrors.find((e) => e.field === field)?.message;
  const field = (name: 'id' | 'title' | 'from' | 'until', label: string) => (
    <label className="successor-field">
      <span>{label}</span>
      <input type={name === 'from' || name === 'until' ? 'date' : 'text'} name={name} value={spec[name]} aria-invalid={errorOf(name) ? true : undefined} onChange={(e) => setSpec({ ...spec, [name]: e.target.value })} />
      {errorOf(name) && <span className="field-error" role="alert">{errorOf(name)}</span>}
    </label>
  );
  const projectError = errorOf(PROJECT_FIELD);
  const current = list?.find((s) => s.id === chosen);
  const canPublish = hasRole(session, 'legal');
  const changed = report?.articles.filter((a) => a.change !== 'same') ?? [];

  return (
    <div className="successors-page">
      <p className="intro">{t.successorsIntro}</p>
      {error && <p className="error" role="alert">{error}</p>}
      <section aria-labelledby="successor-list">
        <h2 id="successor-list">{t.successorList}</h2>
        {list && !list.length && <p>{t.successorNone}</p>}
        <ul className="successor-list">
          {list?.map((s) => (
            <li key={s.id}>
              <button type="button" className={s.id === chosen ? 'link active' : 'link'} aria-pressed={s.id === chosen} onClick={() => setChosen(s.id)}>
                <Law>《{s.title}》</Law> <code>{s.id}</code>
              </button>{' '}
              <span className={s.draft ? 'badge warn' : 'badge'} data-testid={`successor-status-${s.id}`}>{s.draft ? t.successorDraft : t.successorPublished}</span>{' '}
              {s.from} — {s.until ?? ''} · {t.successorSucceeds} <code>{s.succeeds}</code>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="successor-start">
        <h2 id="successor-start">{t.successorStart}</h2>
        <form className="successor-form" onSubmit={(e) => { e.preventDefault(); void start(); }}>
          {field('id', t.successorId)}
          {field('title', t.successorTitle)}
          {field('from', t.successorFrom)}
          {field('until', t.successorUntil)}
          <button type="submit" disabled={busy !== null}>{busy === 'start' ? t.successorStarting : t.successorStart}</button>
          {projectError && <p className="field-error" role="alert">{projectError}</p>}
        </form>
      </section>

      {current && (
        <section aria-labelledby="successor-compare" data-testid="successor-report">
          <h2 id="successor-compare"><Law>《{current.title}》</Law> · {t.successorCompare}</h2>
          {reportError && <p className="error" role="alert">{reportError}</p>}
          {notice && <p className="notice" role="status">{notice}</p>}
          {current.draft && (
            <p>
              <a href={href('editor', { file: `${current.project}/rules/parameters/in-force.yaml` })}>{t.successorEdit}</a>{' '}
              <button type="button" data-testid="successor-publish" disabled={busy !== null || !canPublish} title={canPublish ? undefined : t.successorPublishRole} onClick={() => void publish(current)}>
                {busy === 'publish' ? t.successorPublishing : t.successorPublish}
              </button>
              {!canPublish && <span className="hint"> {t.successorPublishRole}</span>}
            </p>
          )}
          {!report && !reportError && <p role="status">{t.loading}</p>}
          {report && (
            <>
              <table className="successor-articles" data-testid="successor-articles">
                <tbody>
                  {changed.map((a) => (
                    <tr key={a.number} data-article={a.number}>
                      <th scope="row">{t.successorArticle} {a.number}<br /><Law>{a.title}</Law></th>
                      <td>
                        <ul className="successor-what">
                          {a.textChanged && <li>{t.successorChangedText}</li>}
                          {(a.rules.added.length + a.rules.removed.length + a.rules.changed.length > 0) && <li>{t.successorChangedRules}<code>{[...a.rules.added.map((r) => `+${r}`), ...a.rules.removed.map((r) => `−${r}`), ...a.rules.changed].join(' ')}</code></li>}
                          {a.parameters.length > 0 && <li>{t.successorChangedParams}<code>{a.parameters.join(' ')}</code></li>}
                        </ul>
                        {a.textChanged && (
                          <div className="successor-texts">
                            <div><strong>{t.successorOld}</strong><Law block><p>{a.old ?? '—'}</p></Law></div>
                            <div><strong>{t.successorNew}</strong><Law block><p>{a.next ?? '—'}</p></Law></div>
                          </div>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h3>{t.successorImpact}</h3>
              <p data-testid="successor-impact">{fill(t.successorImpactCount, { cases: report.impact.cases, changed: report.impact.changed })}{report.population ? ` · ${report.population.file} · ${report.population.span.from} — ${report.population.span.to}` : ''}</p>
              {report.impact.changes.length > 0 && (
                <table className="successor-changes">
                  <tbody>
                    {report.impact.changes.map((c) => (
                      <tr key={`${c.field}${c.from}${c.to}`}>
                        <td><code>{c.field}</code></td>
                        <td><code>{c.from}</code> → <code>{c.to}</code></td>
                        <td>{c.count}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {report.impact.fixtures.length > 0 && (
                <>
                  <h3>{t.successorFixturesChanged}</h3>
                  <ul>{report.impact.fixtures.map((f) => <li key={f}><code>{f}</code></li>)}</ul>
                </>
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}
