// 台账: every decision stored at the counter. Search by name, ID number, date and outcome (ID
// numbers masked in the list); open one to see its reasoning exactly as it was made (the stored
// decision document, shown with the trace's own components) and reprint its documents with the
// number it was given.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { renderPrint } from '../../../engine/project/print/render-print.js';
import { owedPrints } from '../../../engine/project/print/owed-prints.js';
import { labelOf } from '../../../engine/explain/describe-value.js';
import { isRuleTrace } from '../../../engine/explain/trace-types.js';
import { useProject } from '../shared/project-store.js';
import { fill, useMessages, type Messages } from '../shared/i18n.js';
import { DataText, Law } from '../shared/law-text.js';
import { go, href } from '../shared/router.js';
import { TraceTree } from '../trace/TracePage.js';
import { PrintPreview, type Printed } from '../counter/PrintPreview.js';
import { fetchStored, searchRegister, unmaskStored, type RegisterEntry, type ShownDecision } from './register-api.js';
import { hasRole, useSession } from '../shared/session.js';
import './register.css';

interface Search { name: string; idNumber: string; from: string; to: string; outcome: string }
const EMPTY: Search = { name: '', idNumber: '', from: '', to: '', outcome: '' };
let lastSearch: Search = EMPTY;

/** The time a decision was recorded, in the counter's time zone, as the interface's language writes it. */
const shownTime = (iso: string, t: Messages) => new Date(iso).toLocaleString(t.locale, { timeZone: 'Asia/Shanghai', hour12: false });

export function RegisterPage({ id, decision }: { id?: string; decision?: string }) {
  return id ? <StoredDecisionView id={Number(id)} decision={decision} /> : <RegisterList />;
}

function RegisterList() {
  const project = useProject();
  const t = useMessages();
  const regulation = project.savedModel?.regulation;
  const [search, setSearch] = useState<Search>(lastSearch);
  const [entries, setEntries] = useState<RegisterEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // every outcome a decision of the regulation can have, for the outcome picker
  const outcomes = useMemo(() => [...new Set(Object.values(regulation?.decisions ?? {}).flatMap((d) => d.fields.outcome?.values ?? []))], [regulation]);

  const run = useCallback(async (s: Search) => {
    lastSearch = s;
    setError(null);
    try {
      const filter = Object.fromEntries(Object.entries(s).filter(([, v]) => v.trim() !== ''));
      setEntries((await searchRegister(filter)).entries);
    } catch (e) {
      setEntries(null);
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    void run(lastSearch);
  }, [run]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(search);
  };
  const input = (key: keyof Search, label: string) => (
    <label>{label}<input type={key === 'from' || key === 'to' ? 'date' : 'text'} value={search[key]} data-testid={`register-${key}`} onChange={(e) => setSearch({ ...search, [key]: e.target.value })} /></label>
  );
  const vocabulary = regulation?.vocabulary;
  return (
    <div className="register-page">
      <h2>{t.register}</h2>
      <form className="register-search" onSubmit={submit}>
        {input('name', t.registerName)}
        {input('idNumber', t.registerIdNumber)}
        {input('from', t.registerFrom)}
        {input('to', t.registerTo)}
        <label>{t.registerOutcome}
          <select value={search.outcome} data-testid="register-outcome" onChange={(e) => setSearch({ ...search, outcome: e.target.value })}>
            <option value="">{t.registerAny}</option>
            {outcomes.map((o) => <option key={o} value={o} lang={vocabulary ? 'zh-CN' : undefined}>{vocabulary ? labelOf(o, vocabulary) : o}</option>)}
          </select>
        </label>
        <button type="submit" data-testid="register-search">{t.registerSearch}</button>
      </form>
      {error && <p className="error" data-testid="register-error">{error}</p>}
      {entries && entries.length === 0 && <p className="muted">{t.registerNone}</p>}
      {entries && entries.length > 0 && (
        // a wide table scrolls inside its box on a phone, and takes the focus so a keyboard can scroll it
        <div className="register-table-box" role="region" aria-label={t.registerTable} tabIndex={0}>
        <table className="register-table" data-testid="register-table">
          <thead>
            <tr><th>{t.registerNumber}</th><th>{t.registerTime}</th><th>{t.registerName}</th><th>{t.registerIdNumber}</th><th>{t.registerService}</th><th>{t.registerOutcome}</th><th>{t.registerOperator}</th><th>{t.registerOffice}</th></tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="register-row">
                <td><a href={href('register', { id: String(e.id) })}>{e.documentNumber}</a></td>
                <td>{shownTime(e.decidedAt, t)}</td>
                <td>{e.personName ? <DataText text={e.personName} /> : '—'}</td>
                <td className="masked">{e.idNumber ?? '—'}</td>
                <td>{e.service && regulation && Object.hasOwn(regulation.decisions, e.service) ? <Law>{regulation.decisions[e.service].label}</Law> : e.service ?? '—'}</td>
                <td>{e.outcome && vocabulary ? <Law>{labelOf(e.outcome, vocabulary)}</Law> : e.outcome ?? '—'}</td>
                <td><DataText text={e.operator} /></td>
                <td>{e.officeId}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </div>
  );
}

function StoredDecisionView({ id, decision }: { id: number; decision?: string }) {
  const project = useProject();
  const t = useMessages();
  const model = project.savedModel;
  const [stored, setStored] = useState<ShownDecision | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printed, setPrinted] = useState<Printed | null>(null);
  const [printError, setPrintError] = useState<string | null>(null);
  const closePrinted = useCallback(() => setPrinted(null), []);

  useEffect(() => {
    setStored(null);
    fetchStored(id).then(setStored, (e: Error) => setError(e.message));
  }, [id]);

  if (error) return <div className="register-page"><p className="error" data-testid="register-error">{error}</p><a href={href('register')}>{fill(t.backTo, { label: t.registerBack })}</a></div>;
  if (!stored || !model?.regulation) return <p className="muted">{t.loading}</p>;
  const document = stored.document;
  // a decision made under 《居住证暂行条例》 or a later version of the measures is shown in that text's decisions, words and articles
  const regulation = model.superiorRegulation?.(document.instrument) ?? model.regulation;
  // the decisions of the stored document that the rules still name, the one that decided first
  const names = Object.keys(document.decisions).filter((n) => Object.hasOwn(regulation.decisions, n));
  const fired = (n: string) => document.decisions[n]?.because?.some((b) => isRuleTrace(b) && b.result === 'fired');
  const current = decision && names.includes(decision) ? decision : (stored.service && names.includes(stored.service) ? stored.service : names.find(fired) ?? names[0]);
  const form = stored.form && model.forms && Object.hasOwn(model.forms.forms, stored.form) ? model.forms.forms[stored.form] : undefined;
  // the pages as the counter printed them: from the text that decided the case (a superior's
  // templates and office for a case decided under it), only those its decision owes
  let under: ReturnType<NonNullable<typeof model.under>> | undefined;
  try {
    under = document.applied && model.under ? model.under(stored.case) : undefined;
  } catch {
    under = undefined;
  }
  const templates = document.instrument === 'none' ? undefined : under?.prints ?? model.prints;
  const base = { regulation: under?.regulation ?? regulation, input: under?.input ?? stored.case, document };
  const kinds = templates ? owedPrints(templates, form ? form.prints : [...templates.kinds.keys()], base) : [];
  const reprint = (kind: string) => {
    if (!templates) return;
    try {
      // the stored case and document, and the number they were given: the same page as then;
      // a page numbered in its own series (forms/offices.yaml documentSeries) keeps that number
      const own = stored.documents?.find((d) => d.kind === kind)?.documentNumber;
      const data = {
        ...base, office: (under?.offices ?? model.offices)?.get(stored.officeId),
        documentNumber: own ?? stored.documentNumber, registerNumber: stored.documentNumber, operator: stored.operator, issuedOn: stored.decidedAt.slice(0, 10),
      };
      setPrinted({ kind, label: templates.kinds.get(kind)?.label ?? kind, html: renderPrint(templates, kind, data) });
      setPrintError(null);
    } catch (e) {
      setPrintError((e as Error).message); // beside the buttons: the record stays on screen
    }
  };
  const changed = stored.ruleset !== regulation.ruleset;
  return (
    <div className="register-page register-record" data-testid="register-record">
      <p><a href={href('register')}>{fill(t.backTo, { label: t.registerBack })}</a></p>
      <h2 data-testid="register-number">{stored.documentNumber}</h2>
      <dl className="register-facts">
        <div><dt>{t.registerName}</dt><dd>{stored.personName ? <DataText text={stored.personName} /> : '—'}</dd></div>
        <div><dt>{t.registerTime}</dt><dd>{shownTime(stored.decidedAt, t)}</dd></div>
        <div><dt>{t.registerOffice}</dt><dd>{stored.officeId}</dd></div>
        <div><dt>{t.registerOperator}</dt><dd data-testid="register-operator"><DataText text={stored.operator} />{stored.operatorAccount === null ? t.operatorNotSignedIn : fill(t.parenthesized, { text: fill(t.operatorAccountNo, { id: stored.operatorAccount }) })}</dd></div>
        <div><dt>{t.registerIdNumber}</dt><dd data-testid="register-id-number" className={stored.masked ? 'masked' : ''}>{stored.idNumber ?? '—'}{stored.masked && <span className="muted small"> {fill(t.parenthesized, { text: t.maskedNote })}</span>}</dd></div>
        <div><dt>{t.registerRuleset}</dt><dd><code>{stored.ruleset}</code>{changed && <span className="badge warn" data-testid="ruleset-changed"> {t.registerRulesetChanged}</span>}</dd></div>
        <div><dt>{t.registerEngine}</dt><dd>{stored.engineVersion}</dd></div>
      </dl>
      {stored.masked ? <Unmask id={stored.id} onShown={setStored} /> : <p className="badge warn" role="status" data-testid="unmasked">{t.unmaskDone}</p>}
      <div className="register-actions">
        {kinds.map((kind) => (
          <button key={kind} type="button" data-testid={`reprint-${kind}`} onClick={() => reprint(kind)}>{t.registerReprint}{t.colon}<DataText text={templates?.kinds.get(kind)?.label ?? kind} /></button>
        ))}
      </div>
      {printError && <p className="error" role="alert" data-testid="reprint-error">{printError}</p>}
      <nav className="decision-tabs" aria-label={t.registerDecisions}>
        {names.map((n) => <a key={n} href={href('register', { id: String(stored.id), decision: n })} className={n === current ? 'active' : ''} aria-current={n === current ? 'page' : undefined} onClick={(e) => { e.preventDefault(); go('register', { id: String(stored.id), decision: n }); }}><Law>{regulation.decisions[n].label}</Law></a>)}
      </nav>
      {current && <TraceTree regulation={regulation} document={document} decision={current} />}
      {printed && <PrintPreview printed={printed} printLabel={t.print} closeLabel={t.close} onClose={closePrinted} />}
    </div>
  );
}

/** 法制审核 only: the record in full, after a reason the server writes to the access log. */
function Unmask({ id, onShown }: { id: number; onShown: (shown: ShownDecision) => void }) {
  const t = useMessages();
  const session = useSession();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!hasRole(session, 'legal')) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    unmaskStored(id, reason).then(onShown, (err: Error) => setError(err.message));
  };
  return (
    <form className="register-unmask" onSubmit={submit} data-testid="unmask">
      <label>{t.unmaskReason}<input data-testid="unmask-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} required /></label>
      <button type="submit" data-testid="unmask-submit">{t.unmaskButton}</button>
      {error && <p className="error" role="alert" data-testid="unmask-error">{error}</p>}
    </form>
  );
}
