// Counter staff pick a service, fill in its form, see the decision and its reasons update
// as they type, and print what the applicant must be given.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { JsonForms } from '@jsonforms/react';
import type { JsonFormsI18nState } from '@jsonforms/core';
import { vanillaCells, vanillaRenderers } from '@jsonforms/vanilla-renderers';
import { resolveForm } from '../../../engine/project/forms/resolve-form.js';
import { formToCase } from '../../../engine/project/forms/map-form.js';
import { getPointer } from '../../../engine/core/json-pointer.js';
import { checkCase } from '../../../engine/model/case/validate-case.js';
import { renderPrint } from '../../../engine/project/print/render-print.js';
import { owedPrints } from '../../../engine/project/print/owed-prints.js';
import type { RegisteredDocument } from '../../../engine/register/register.js';
import type { DecisionDocument } from '../../../engine/explain/decider.js';
import { useProject } from '../shared/project-store.js';
import { useLanguage, useMessages } from '../shared/i18n.js';
import { go, href } from '../shared/router.js';
import { ArticleRef } from '../shared/article-panel.js';
import { decides, today } from '../shared/model.js';
import { appliedWords } from '../shared/applied-words.js';
import { formAjv, formProblemsIn, translateErrorIn } from './form-ajv.js';
import { Law, ValueLabel } from '../shared/law-text.js';
import { sectionTabsRenderer } from './section-tabs.js';
import { PrintPreview, type Printed } from './PrintPreview.js';
import { setCounterCase } from './counter-store.js';
import { DecisionValues, decisionSyncRenderer, withDecisionSync } from './decision-sync.js';
import { RecordDecision } from '../register/RecordDecision.js';
import { divisionPickerRenderer } from './DivisionPicker.js';
import { OfficePicker, useCounterOffice } from './OfficePicker.js';
import { ProcessingNotice } from './ProcessingNotice.js';
import { decided, keystroke, useTyping } from './typing-store.js';
import { OfficeMismatches, useOfficeMismatches } from './OfficeMismatches.js';

const renderers = [...vanillaRenderers, decisionSyncRenderer, sectionTabsRenderer, divisionPickerRenderer];

interface FormProblem { field: string; path: string; detail: string }

const drafts = new Map<string, Record<string, unknown>>();

/** A new form: today's date, each choice at its default, and the sections it requires, empty. */
function blankForm(schema: Record<string, any> | undefined): Record<string, unknown> {
  const data: Record<string, unknown> = { acceptedOn: today() };
  for (const [key, prop] of Object.entries((schema?.properties ?? {}) as Record<string, any>)) {
    if (prop.default !== undefined) data[key] = prop.default;
    else if (prop.type === 'object' && (schema?.required ?? []).includes(key) && !prop.readOnly) data[key] = {};
  }
  return data;
}

export function CounterPage({ formName }: { formName?: string }) {
  const project = useProject();
  const t = useMessages();
  const language = useLanguage();
  const model = decides(project.workingModel) ? project.workingModel : project.savedModel;
  // The form is on screen before the decider is made (it compiles the case schema and the
  // rules: a task of some 400 ms), in the frame after the form's; the first decision needs it
  // only once the clerk has typed and paused.
  const [formShown, setFormShown] = useState(false);
  // the rules the counter decides by: the same when only the fixtures' results fill in
  const rules = formShown ? model?.decider : undefined;
  const services = Object.values(model?.forms?.forms ?? {}).filter((f) => f.mapping);
  const form = services.find((f) => f.name === formName) ?? services.find((f) => f.name === 'permit-application') ?? services[0];
  const template = form?.schemaTemplate as Record<string, any> | undefined;
  const [data, setData] = useState<Record<string, unknown>>(() => drafts.get(form?.name ?? '') ?? blankForm(template));
  const [document, setDocument] = useState<DecisionDocument | null>(null);
  const [formProblems, setFormProblems] = useState<FormProblem[]>([]);
  // between a keystroke and its decision the old decision is not shown: "recomputing" instead
  const [decidingNow, setDeciding] = useState(false);
  // what the decision shown was decided from: from the first render after an edit (before the
  // effect below has run) the older decision is not shown
  const [decidedFrom, setDecidedFrom] = useState<{ data: unknown; model: unknown } | null>(null);
  const [printMessage, setPrintMessage] = useState<string | null>(null);
  const [printed, setPrinted] = useState<Printed | null>(null);
  // the register's number for the case just decided, once the clerk has recorded it (登记)
  const [recorded, setRecorded] = useState<{ input: unknown; documentNumber: string; issuedOn: string; documents: RegisteredDocument[] } | null>(null);
  const closePrinted = useCallback(() => setPrinted(null), []);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const decidedInput = useRef<ReturnType<typeof formToCase> | null>(null);
  const [decisionValues, setDecisionValues] = useState<Record<string, unknown>>({});
  const { office, operator } = useCounterOffice();
  // JSON Forms keeps the form's data; `data` above follows it (for deciding) but is never
  // handed back while the clerk types, since handing back a copy even one keystroke old
  // would undo that keystroke. Its middleware sees every change at once.
  const formData = useRef<unknown>(data);
  const [loaded, setLoaded] = useState(0);
  // JSON Forms names each control (its id, which the label's `for` points to) as the control is
  // made, during a render, and frees the name only when the control is unmounted. The page's
  // first render comes after its code has loaded (a Suspense retry, which React may set aside
  // half done when the project's store changes meanwhile, e.g. as the fixtures' results
  // arrive): a control made in a render set aside keeps its name, and the one made next is
  // "acceptedOn2". The form is first rendered after the page's first commit instead, in an
  // update React finishes once begun.
  const [committed, setCommitted] = useState(false);
  useEffect(() => setCommitted(true), []);
  useEffect(() => {
    if (!committed) return;
    let later: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => { later = setTimeout(() => setFormShown(true), 0); });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(later);
    };
  }, [committed]);
  const middleware = useCallback((state: any, action: any, reduce: (s: any, a: any) => any) => {
    const next = reduce(state, action);
    formData.current = next.data;
    return next;
  }, []);

  useEffect(() => {
    const start = drafts.get(form?.name ?? '') ?? blankForm(form?.schemaTemplate as Record<string, any> | undefined);
    formData.current = start;
    setData(start);
    setLoaded((n) => n + 1);
    setDocument(null);
  }, [form?.name]);

  const accepted = typeof data.acceptedOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(data.acceptedOn) ? data.acceptedOn : today();
  const fresh = useMemo(() => (form && model?.regulation && model.forms ? resolveForm(model.forms, form, model.regulation, accepted) : undefined), [form, model, accepted]);
  // The same form on another date is usually the same schema: keep it, so JSON Forms is not reset.
  const freshKey = fresh ? JSON.stringify([fresh.name, fresh.schema, fresh.uischema]) : '';
  const resolved = useMemo(() => fresh, [freshKey]);
  const uischema = useMemo(() => withDecisionSync(resolved?.uischema), [resolved]);
  // handed to JSON Forms only when the form or its schema changes: then, its own latest data
  const formsData = useMemo(() => formData.current, [resolved, loaded]);

  // Decide as the clerk types (the working copy of the rules, saved or not).
  useEffect(() => {
    clearTimeout(timer.current);
    setDeciding(true);
    timer.current = setTimeout(async () => {
      if (!form || !resolved || !rules) return;
      drafts.set(form.name, data);
      const problems = formProblemsIn(resolved, data, language);
      setFormProblems(problems);
      if (problems.length) {
        setDeciding(false);
        decided(); // the form's problems are what there is to show for what was typed
        return setDocument(null);
      }
      const input = formToCase(form, data);
      const checked = checkCase(rules.regulation, input);
      if (!checked.case) {
        setDeciding(false);
        decided();
        return setDocument(null);
      }
      let doc: DecisionDocument;
      try {
        doc = await rules.decide(checked.case);
      } catch (e) {
        // a case the rules cannot decide (e.g. a date outside the calendar): said, as decide says it
        setFormProblems([{ field: '', path: '', detail: (e as Error).message }]);
        setDeciding(false);
        decided();
        return setDocument(null);
      }
      setDeciding(false);
      decidedInput.current = input; // what is printed is what was decided, not a keystroke later
      setDocument(doc);
      setDecidedFrom({ data, model: rules });
      decided();
      setCounterCase({ ...input, form: form.name });
      // Put the rules' answers into the form as it is now, not as it was when this began:
      // the clerk may have typed on.
      const values = Object.fromEntries(Object.entries(form.fromDecision).map(([pointer, path]) => [pointer, getPointer(doc.decisions, `/${path.split('.').join('/')}`)]));
      setDecisionValues((old) => (JSON.stringify(old) === JSON.stringify(values) ? old : values));
    }, 250);
    return () => clearTimeout(timer.current);
  }, [data, form, resolved, rules, language]);

  // JSON Forms' own words and its messages beside each field, in the interface's language
  const i18n = useMemo(() => ({
    locale: language === 'zh' ? 'zh' : 'en',
    translate: ((id: string, defaultMessage: string | undefined) => (id === 'enum.none' ? t.noChoice : defaultMessage)) as JsonFormsI18nState['translate'],
    translateError: (error: Parameters<typeof translateErrorIn>[0]) => translateErrorIn(error, language),
  }), [language, t]);

  // the pages this decision owes (owed-prints.ts): a refused application gets the refusal, not a slip
  const printable = useMemo(() => {
    if (!document || !form || !model?.prints || document.instrument === 'none') return [];
    const input = decidedInput.current ?? formToCase(form, data);
    const superior = document.applied && model.under ? model.under(input) : undefined;
    return owedPrints(superior?.prints ?? model.prints, form.prints, { regulation: superior?.regulation ?? model.regulation!, input: superior?.input ?? input, document });
  }, [document, form, model]);

  // 下一位: the form blank again for the next applicant, nothing of the last one left on screen
  const nextApplicant = () => {
    if (!form) return;
    drafts.delete(form.name);
    const blank = blankForm(template);
    formData.current = blank;
    setData(blank);
    setLoaded((n) => n + 1);
    setDocument(null);
    setFormProblems([]);
    setRecorded(null);
    setPrinted(null);
    setPrintMessage(null);
    setDecisionValues({});
    setCounterCase(null);
    requestAnimationFrame(() => window.document.querySelector<HTMLElement>('[data-testid=jsonforms] input, [data-testid=jsonforms] select')?.focus());
  };

  // The text that governs this case (rules/instruments.yaml): outside the measures' term, the
  // superior's rules decided it, and its pages come from the superior's templates and offices,
  // with the case as its rules read it, as `tiaoli print` prints them.
  const under = useMemo(() => {
    if (!document?.applied || !model?.under) return undefined;
    try {
      return model.under(decidedInput.current ?? (form ? formToCase(form, data) : undefined)!);
    } catch {
      return undefined;
    }
  }, [document, model]);
  // (asked for only with a decision to say it of: the instruments are read with the decider)
  const applied = document?.applied;
  const instruments = useMemo(() => (applied ? model?.instruments?.() : undefined), [model, applied]);
  const governs = document?.applied && instruments && model?.regulation ? appliedWords(document.applied, instruments, model.regulation) : undefined;

  // the counter's office against the case (arts. 14–16): a mismatch the clerk confirms before 登记 and printing
  const officeCheck = useOfficeMismatches(form, office, document ? decidedInput.current : null, model?.regulation);

  if (!form || !resolved || !model?.regulation) return null;
  const shownRegulation = under?.regulation ?? model.regulation;
  const prints = document?.instrument === 'none' ? undefined : under?.prints ?? model.prints;
  // a decision is shown only when made from this data under the rules on screen: while the
  // project's rules are being rebuilt (an edit, a save, an undo), the panel says 正在重算
  const deciding = decidingNow || project.computing || (document !== null && (decidedFrom?.data !== data || decidedFrom?.model !== rules));
  const vocabulary = shownRegulation.vocabulary;
  const print = (kind: string) => {
    if (!document || !prints) return;
    try {
      const input = decidedInput.current ?? formToCase(form, data);
      const number = recorded && recorded.input === decidedInput.current ? recorded : undefined;
      // under the superior: its office of the same id (its offices.yaml), the case as its rules read it
      const officeUnder = under && office ? under.offices.get(office.id) : office;
      // a page with a series of its own (forms/offices.yaml documentSeries) has its own number, and names the register's
      const own = number?.documents.find((d) => d.kind === kind)?.documentNumber;
      const html = renderPrint(prints, kind, {
        regulation: shownRegulation, input: under?.input ?? input, document, office: officeUnder, operator,
        documentNumber: own ?? number?.documentNumber, registerNumber: number?.documentNumber, issuedOn: number?.issuedOn,
      });
      // Shown in a sandboxed frame, never in the studio's own origin (no window.open of a blob).
      setPrinted({ kind, label: prints.kinds.get(kind)?.label ?? kind, html });
      setPrintMessage(null);
    } catch (e) {
      setPrinted(null);
      setPrintMessage(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="counter-page">
      <section className="counter-form">
        <OfficePicker />
        <div className="service-picker">
          <label>{t.service}{t.colon}
            <select data-testid="service" value={form.name} onChange={(e) => go('counter', { form: e.target.value })}>
              {services.map((s) => <option key={s.name} value={s.name} lang="zh-CN">{s.title}</option>)}
            </select>
          </label>
          <span className="muted"> {form.articles.map((a) => <ArticleRef key={a} refId={a} />)}</span>
          <button type="button" className="next-applicant" data-testid="next-applicant" title={t.nextApplicantHint} onClick={nextApplicant}>{t.nextApplicant}</button>
        </div>
        {/* the form's labels are forms/ YAML, in Chinese; JSON Forms' own words follow the interface */}
        {/* onInput, not onInputCapture: the typing flag is set after JSON Forms has taken the
            keystroke; set in the capture phase, its re-render made React 19 drop the first
            keystroke into a field just shown by a section tab when a decision landed meanwhile */}
        <div className="jsonforms" data-testid="jsonforms" lang="zh-CN" data-law="" onInput={keystroke}>
          <DecisionValues.Provider value={decisionValues}>
          {committed && <JsonForms
            schema={resolved.schema}
            uischema={uischema as any}
            data={formsData}
            middleware={middleware}
            renderers={renderers}
            cells={vanillaCells}
            ajv={formAjv}
            i18n={i18n}
            config={{ showUnfocusedDescription: true }}
            onChange={({ data: next }) => { if (JSON.stringify(next) !== JSON.stringify(data)) setData(next); }}
          />}
          </DecisionValues.Provider>
        </div>
        <ProcessingNotice />
      </section>
      <aside className="counter-decision" data-testid="counter-decision">
        <h2>{t.decision}</h2>
        <WhileDeciding deciding={deciding} label={t.computing}>
        {formProblems.length > 0 && (
          <div className="form-problems">
            <p className="error">{t.formErrors}</p>
            <ul>{formProblems.map((m) => <li key={`${m.path}|${m.detail}`}>{m.field && <><Law>{m.field}</Law>{language === 'zh' ? `（${m.path}）` : ` (${m.path})`}{t.colon}</>}<DataDetail text={m.detail} /></li>)}</ul>
          </div>
        )}
        {!document && formProblems.length === 0 && <p className="muted">{t.fillForm}</p>}
        {governs && <p className="applied-instrument" data-testid="applied-instrument"><Law>{governs}</Law></p>}
        {document && form.decisions.filter((name) => Object.hasOwn(document.decisions, name) && Object.hasOwn(shownRegulation.decisions, name)).map((name) => {
          const d = document.decisions[name];
          const spec = shownRegulation.decisions[name];
          return (
            <div key={name} className="decision-card" data-testid={`decision-${name}`}>
              <h3><Law>{spec.label}</Law> <a className="small" href={href('trace', { fixture: 'counter', decision: name })}>{t.why}<span className="visually-hidden">{t.colon}<Law>{spec.label}</Law></span></a></h3>
              <dl>
                {Object.entries(spec.fields).filter(([f]) => f in d).map(([f, fs]) => (
                  <div key={f}><dt><Law>{fs.label}</Law></dt><dd data-testid={`value-${name}-${f}`} title={JSON.stringify(d[f])}><ValueLabel value={d[f]} vocabulary={vocabulary} t={t} /></dd></div>
                ))}
              </dl>
              <div className="small">{(d.articles as string[]).map((a) => <ArticleRef key={a} refId={a} />)}</div>
            </div>
          );
        })}
        {document && <OfficeMismatches check={officeCheck} />}
        {document && (
          <div className="counter-actions">
            {printable.map((kind) => (
              <button key={kind} type="button" data-testid={`print-${kind}`} disabled={officeCheck.unconfirmed} title={officeCheck.unconfirmed ? t.officeConfirmFirst : undefined} onClick={() => print(kind)}>{t.print}{t.colon}<Law>{prints?.kinds.get(kind)?.label ?? kind}</Law></button>
            ))}
            <button type="button" data-testid="save-as-fixture" onClick={() => go('fixtures', { new: '1' })}>{t.saveAsFixture}</button>
          </div>
        )}
        </WhileDeciding>
        {document && <RecordDecision form={form.name} input={decidedInput.current} deciding={deciding} officeUnconfirmed={officeCheck.unconfirmed} officeConfirmed={officeCheck.confirmed} onRecorded={(entry) => setRecorded({ input: decidedInput.current, documentNumber: entry.documentNumber, issuedOn: entry.decidedAt.slice(0, 10), documents: entry.documents ?? [] })} />}
        {printMessage && <p className="error" data-testid="print-message"><DataDetail text={printMessage} /></p>}
        {printed && <PrintPreview printed={printed} printLabel={t.print} closeLabel={t.close} onClose={closePrinted} />}
      </aside>
    </div>
  );
}

/** A message the engine words in Chinese (e.g. a date outside the calendar): marked as such. */
function DataDetail({ text }: { text: string }) {
  return /\p{Script=Han}/u.test(text) ? <Law>{text}</Law> : <>{text}</>;
}

/** The decision panel's content, or "recomputing" while a decision is due (an edit, a keystroke). */
function WhileDeciding({ deciding, label, children }: { deciding: boolean; label: string; children: ReactNode }) {
  const typing = useTyping();
  if (deciding || typing) return <p className="muted" role="status" data-testid="recomputing">{label}</p>;
  return <>{children}</>;
}
