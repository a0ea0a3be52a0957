// Why: a decision as a tree — the decision, the rules that could set it (applied, set aside
// by an exception, or not applicable), each condition with its values, the articles with
// their text, and the interpretations they rest on.
import { useEffect, useMemo, useState } from 'react';
import type { DecisionDocument } from '../../../engine/explain/decider.js';
import { appliedWords } from '../shared/applied-words.js';
import { parseCase } from '../../../engine/model/case/validate-case.js';
import { useProject } from '../shared/project-store.js';
import { decides } from '../shared/model.js';
import { fill, useMessages, type Messages } from '../shared/i18n.js';
import { Law, ValueDescription } from '../shared/law-text.js';
import { operatorWords } from './operator-words.js';
import { go, href, useRoute } from '../shared/router.js';
import { ArticleRef, useArticlesOf } from '../shared/article-panel.js';
import { useCounterCase } from '../counter/counter-store.js';
import { populationCase } from '../impact/impact-store.js';
import type { Regulation } from '../../../engine/model/model.js';
import type { CaseInput } from '../../../engine/model/case/case-input.js';
import { InterpretationText, type ReadingUsed } from '../articles/InterpretationText.js';
import { caseGroups } from './case-groups.js';
import { switchedReading } from './switched-reading.js';
import { conditionChildren, isRuleTrace, type ConditionNode, type TableRef } from '../../../engine/explain/trace-types.js';
import type { Vocabulary } from '../../../engine/model/model.js';
import { workedFields } from '../../../engine/explain/worked-fields.js';
import { factLabel } from '../../../engine/explain/explain-decision.js';

/** The reading of interpretation `id` the document was decided under, and who chose it (the case's own `readings:` first). */
function readingUsed(id: string, regulation: Regulation, document: DecisionDocument | null, caseReadings: unknown, switched?: Record<string, string>): ReadingUsed | undefined {
  const readings = document?.readings;
  if (!readings || !Object.hasOwn(readings, id)) return undefined;
  const reading = readings[id];
  if (switched && Object.hasOwn(switched, id) && switched[id] === reading) return { id: reading, source: 'override' };
  const named = caseReadings && typeof caseReadings === 'object' && Object.hasOwn(caseReadings, id) ? (caseReadings as Record<string, unknown>)[id] : undefined;
  if (named === reading) return { id: reading, source: 'case' };
  const i = Object.hasOwn(regulation.interpretations, id) ? regulation.interpretations[id] : undefined;
  const defaultId = i?.default ?? i?.alternatives.find((a) => a.id)?.id;
  return { id: reading, source: reading === defaultId ? 'default' : 'override' };
}

/** The switch the trace offers under an interpretation: decide the case on screen under a reading, and whether this project's rules may be edited from here. */
interface Switching { decideUnder?: (id: string, alternative: string | undefined) => void; editable: boolean }

function Interpretation({ id, regulation, used, switching }: { id: string; regulation: Regulation; used?: ReadingUsed; switching?: Switching }) {
  const t = useMessages();
  const i = Object.hasOwn(regulation.interpretations, id) ? regulation.interpretations[id] : undefined;
  if (!i) return <code>{id}</code>;
  const alternative = used && used.id !== (i.default ?? i.alternatives.find((a) => a.id)?.id) ? used.id : undefined;
  return (
    <details className="interpretation" data-testid={`trace-interpretation-${id}`}>
      <summary>{t.interpretation}{t.colon}<Law>{i.title}</Law>{alternative && <> <code>{alternative}</code></>}</summary>
      <InterpretationText interpretation={i} headingLevel={4} used={used} editable={switching?.editable ?? false} decideUnder={switching?.decideUnder && ((alt) => switching.decideUnder!(id, alt))} />
    </details>
  );
}

/** One condition as the trace reads it, in the interface's language: the fact's name (the rules' own, Chinese), its value, the operator, the value compared with, and whether it holds. */
function Condition({ node, t, regulation }: { node: Extract<ConditionNode, { fact: string }>; t: Messages; regulation: Regulation }) {
  const vocabulary = regulation.vocabulary;
  const evaluated = node.result === true || node.result === false;
  const v = (x: unknown) => <ValueDescription value={x} vocabulary={vocabulary} t={t} />;
  const shown = node.operator === 'present' ? (node.value === undefined || node.value === null ? t.none : t.present) : v(node.value);
  return (
    <span className={node.result === true ? 'holds' : node.result === false ? 'fails' : 'muted'}>
      <Law>{node.label}</Law>{t.factOpen}{node.fact}{node.path ? `.${node.path}` : ''}{t.factClose} = {evaluated ? shown : t.notComputed} {operatorWords(node.operator, t)}{' '}
      {node.expectedFrom ? <><Law>{factLabel(regulation, node.expectedFrom)}</Law>{t.factOpen}{node.expectedFrom}{t.factClose} = {evaluated ? v(node.expected) : t.notComputed}</> : v(node.expected)} → {evaluated ? (node.result ? t.holds : t.doesNotHold) : t.notJudged}
    </span>
  );
}

function Conditions({ node, regulation }: { node: ConditionNode; regulation: Regulation }) {
  const t = useMessages();
  const group = conditionChildren(node);
  if (group?.kind === 'all') return <ul className="conditions">{group.children.map((c, i) => <li key={i}><Conditions node={c} regulation={regulation} /></li>)}</ul>;
  if (group?.kind === 'any') return <div>{t.anyHolds}{t.colon}<ul className="conditions">{group.children.map((c, i) => <li key={i}><Conditions node={c} regulation={regulation} /></li>)}</ul></div>;
  if (group?.kind === 'not') return <div>{t.noneHolds}{t.colon}<Conditions node={group.children[0]} regulation={regulation} /></div>;
  if ('all' in node || 'any' in node || 'not' in node) return null;
  return <Condition node={node} t={t} regulation={regulation} />;
}

export function TracePage({ fixture, decision }: { fixture?: string; decision?: string }) {
  const project = useProject();
  const t = useMessages();
  const counter = useCounterCase();
  const model = decides(project.workingModel) ? project.workingModel : project.savedModel;
  const readingParam = useRoute().params.get('reading');
  const switched = useMemo(() => switchedReading(readingParam, model?.regulation), [readingParam, model?.regulation]);
  const switchKey = switched ? JSON.stringify(switched) : '';
  // the decision with what it was decided from: one decided from older rules or another
  // case is never shown as this one's (a "recomputing" note shows until it is ready)
  const [decided, setDecided] = useState<{ document: DecisionDocument | null; readings?: unknown; model: unknown; chosen: unknown; counter: unknown; switchKey: string } | null>(null);
  const [query, setQuery] = useState('');
  const fixtures = model?.fixtures ?? [];
  const chosen = fixture ?? fixtures[0]?.file;
  const groups = useMemo(() => caseGroups(fixtures, query, t.otherCases), [fixtures, query, t.otherCases]);

  useEffect(() => {
    if (!model?.decider) return;
    let live = true;
    const show = (document: DecisionDocument | null, readings?: unknown) => { if (live) setDecided({ document, readings, model, chosen, counter, switchKey }); };
    // a switched reading: the same case decided again under it, its own readings otherwise kept
    const under = (c: CaseInput): CaseInput => (switched ? { ...c, readings: { ...c.readings, ...switched } } : c);
    if (chosen === 'counter') {
      if (counter) void model.decider.decide(under(counter)).then((d) => show(d), () => show(null));
      else show(null);
      return () => { live = false; };
    }
    if (chosen?.startsWith('population:')) { // an example from the impact panel's population
      void populationCase(Number(chosen.slice('population:'.length))).then((c) => (c ? model.decider!.decide(under(c)).then((d) => show(d, c.readings), () => show(null)) : show(null)), () => show(null));
      return () => { live = false; };
    }
    const text = model.files[chosen ?? ''];
    const checked = text ? parseCase(model.decider.regulation, text, chosen ?? '') : undefined; // never throws: a bad file just shows no decision
    if (checked?.case) { const input = checked.case; void model.decider.decide(under(input)).then((d) => show(d, input.readings), () => show(null)); }
    else show(null);
    return () => { live = false; };
  }, [model, chosen, counter, switchKey]); // `switched` is keyed by switchKey
  const fresh = decided && decided.model === model && decided.chosen === chosen && decided.switchKey === switchKey && (chosen !== 'counter' || decided.counter === counter);
  const document = fresh ? decided.document : null;
  const recomputing = !fresh || project.computing;

  if (!model?.regulation) return null;
  // a case decided under a superior instrument (rules/instruments.yaml) is shown in that text's own decisions and words
  const regulation = model.superiorRegulation?.(document?.instrument) ?? model.regulation;
  const instruments = model.instruments?.();
  const governs = document?.applied && instruments ? appliedWords(document.applied, instruments, model.regulation) : undefined;
  const names = Object.keys(regulation.decisions);
  const current: string = decision && names.includes(decision) ? decision : names.find((n) => document?.decisions[n]?.because?.some((b) => isRuleTrace(b) && b.result === 'fired')) ?? names[0];
  const switching: Switching = {
    editable: regulation === model.regulation,
    decideUnder: (id, alternative) => go('trace', { fixture: chosen, decision: current, reading: alternative === undefined ? undefined : `${id}=${alternative}` }),
  };

  return (
    <div className="trace-page">
      <div className="trace-pickers">
        <label>{t.searchCases}{t.colon}
          <input type="search" data-testid="trace-search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <label>{t.chooseCase}{fill(t.count, { n: groups.reduce((n, g) => n + g.cases.length, 0) })}{t.colon}
          <select data-testid="trace-case" value={chosen} onChange={(e) => go('trace', { fixture: e.target.value, decision: current })}>
            {counter && <option value="counter" lang="zh-CN">{t.counterCase}{counter.name}</option>}
            {chosen?.startsWith('population:') && <option value={chosen}>{t.populationCase} #{Number(chosen.slice(11)) + 1}</option>}
            {/* the case shown stays in the list whatever the search */}
            {chosen && chosen !== 'counter' && !chosen.startsWith('population:') && !groups.some((g) => g.cases.some((c) => c.file === chosen)) && <option value={chosen} lang="zh-CN">{fixtures.find((f) => f.file === chosen)?.name ?? chosen}</option>}
            {groups.map((g) => (
              <optgroup key={`${g.label}${g.article ?? ''}`} lang="zh-CN" label={`${g.label}（${g.cases.length}）`}>
                {g.cases.map((c) => <option key={c.file} value={c.file} lang="zh-CN">{c.name}</option>)}
              </optgroup>
            ))}
          </select>
        </label>
        <nav className="decision-tabs" aria-label={t.decisionTabs}>
          {names.map((n) => <a key={n} href={href('trace', { fixture: chosen, decision: n })} className={n === current ? 'active' : ''} aria-current={n === current ? 'page' : undefined} lang="zh-CN">{regulation.decisions[n].label}</a>)}
        </nav>
      </div>
      <TraceTree regulation={regulation} document={document} decision={current} recomputing={recomputing} caseReadings={fresh ? decided.readings : undefined} governs={governs} switched={switched} switching={switching} />
    </div>
  );
}

/** One decision of a document as a tree: its values, articles, interpretations and every rule with its conditions (also for a stored decision, as it was made). */
export function TraceTree({ regulation, document, decision, recomputing = false, caseReadings, governs, switched, switching }: { regulation: Regulation; document: DecisionDocument | null; decision: string; recomputing?: boolean; caseReadings?: unknown; governs?: string; switched?: Record<string, string>; switching?: Switching }) {
  const t = useMessages();
  // the articles cited open in the text that decided (the instrument applied), not always the project's
  useArticlesOf(regulation);
  const d = document?.decisions[decision];
  const spec = regulation.decisions[decision];
  const current = decision;
  return (
    <>
      {recomputing && <p className="muted" role="status" data-testid="trace-recomputing">{t.recomputingDecision}</p>}
      {d && !recomputing && (
        <section className="trace-tree" data-testid="trace-tree">
          {document?.applied && (
            // why this text applies (rules/instruments.yaml): the date that chose it, each term, the reading taken
            <details className="trace-applied" data-testid="trace-applied" open>
              <summary><Law>{governs ?? `${document.applied.title ? `《${document.applied.title}》` : document.applied.id}`}</Law> <code>{document.instrument ?? document.applied.id}</code></summary>
              <ul>{document.applied.because.map((line) => <li key={line}><Law>{line}</Law></li>)}</ul>
            </details>
          )}
          {switched && (
            <p className="trace-switched" data-testid="trace-switched">
              {t.decidedUnderSwitch}{Object.entries(switched).map(([id, alternative]) => <code key={id}>{id} = {alternative}</code>)}{' '}
              <button type="button" className="link" onClick={() => Object.keys(switched).forEach((id) => switching?.decideUnder?.(id, undefined))}>{t.decideAsFiled}</button>
            </p>
          )}
          <h2><Law>{spec.label}</Law></h2>
          <dl className="decision-values">
            {Object.entries(spec.fields).map(([f, fs]) => (
              <div key={f}><dt><Law>{fs.label}</Law> <code>{current}.{f}</code></dt><dd>{f in d ? <ValueDescription value={d[f]} vocabulary={regulation.vocabulary} t={t} /> : t.none}</dd></div>
            ))}
          </dl>
          <p>{t.grounds}{t.colon}{d.articles.map((a) => <ArticleRef key={a} refId={a} />)}</p>
          {d.interpretations.map((i) => <Interpretation key={i} id={i} regulation={regulation} used={readingUsed(i, regulation, document, caseReadings, switched)} switching={switching} />)}
          <h3>{t.rules}</h3>
          <ul className="rules-tree">
            {(d.because ?? []).map((b, i) => isRuleTrace(b) ? (
              <li key={b.rule} className={`rule ${b.result}`}>
                <details open={b.result !== 'failed'}>
                  {/* no buttons or links inside the summary (a disclosure's heading): the articles follow it */}
                  <summary>
                    <span className="rule-status">{b.result === 'fired' ? `✓ ${t.fired}` : b.result === 'overridden' ? `⊘ ${t.overridden}` : `✗ ${t.failedRule}`}</span>{' '}
                    <Law>{b.name}</Law> <code>{b.rule}</code>
                    {b.sets && <span className="sets"> → {Object.entries(b.sets).map(([k, v], i) => <span key={k}>{i > 0 && t.comma}{k} = <ValueDescription value={v} vocabulary={regulation.vocabulary} t={t} /></span>)}</span>}
                  </summary>
                  <div className="rule-grounds">{b.articles.map((a) => <ArticleRef key={a} refId={a} />)}</div>
                  <div className="rule-body">
                    <h4>{t.conditions}</h4>
                    <Conditions node={b.conditions} regulation={regulation} />
                    {b.derived.length > 0 && <ul className="derived">{b.derived.map((x) => <li key={x.name}><Derived item={x} t={t} vocabulary={regulation.vocabulary} /></li>)}</ul>}
                    {b.overriddenBy && <p>{t.excludedBy}{t.colon}{b.overriddenBy.join(t.listSeparator)}</p>}
                    {b.interpretations.map((id) => <Interpretation key={id} id={id} regulation={regulation} used={readingUsed(id, regulation, document, caseReadings, switched)} switching={switching} />)}
                    <a className="small" href={href('editor', { file: regulation.rules.find((r) => r.id === b.rule)?.file, line: String(regulation.rules.find((r) => r.id === b.rule)?.location.line ?? '') })}>{t.openInEditor}</a>
                  </div>
                </details>
              </li>
            ) : (
              <li key={`default-${i}`} className="rule default">{fill(t.defaultValue, { field: b.field }).split('{value}').flatMap((part, j) => (j === 0 ? [part] : [<ValueDescription key={j} value={b.default} vocabulary={regulation.vocabulary} t={t} />, part]))}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** A parameter's table given to a derived fact, as the trace refers to it: the parameter and from when its value holds. */
function TableReference({ reference, t }: { reference: TableRef; t: Messages }) {
  return <>{t.factOpen}{`params.${reference.parameter}`}{t.factClose}{fill(t.tableFrom, { from: reference.from })}</>;
}

/** A derived fact as the trace shows it: its name (the rules'), its function, arguments and value. */
function Derived({ item, t, vocabulary }: { item: { name: string; label: string; function: string; args: Record<string, unknown>; tables?: string[]; places?: Record<string, string>; value: unknown }; t: Messages; vocabulary: Vocabulary }) {
  const worked = item.value && typeof item.value === 'object' ? item.value as Record<string, unknown> : undefined;
  const steps = Array.isArray(worked?.steps) ? worked.steps.map(String) : undefined;
  return (
    <>
      <Law>{item.label}</Law>{t.factOpen}{`derived.${item.name}`}{t.factClose} = {item.function}(
      {Object.entries(item.args).map(([k, x], i) => <span key={k}>{i > 0 && t.comma}{k} = {item.tables?.includes(k) ? <TableReference reference={x as TableRef} t={t} /> : <ValueDescription value={x} vocabulary={vocabulary} t={t} />}{item.places && Object.hasOwn(item.places, k) && <Law>{item.places[k]}</Law>}</span>)}) ={' '}
      {steps ? (
        <>
          {workedFields(vocabulary, item.name, worked!).map(([label, x], i) => (
            <span key={label}>{i > 0 && t.comma}<Law>{label}</Law> <ValueDescription value={x} vocabulary={vocabulary} t={t} /></span>
          ))} <Law>（{steps.join('；')}）</Law>
        </>
      ) : <ValueDescription value={item.value} vocabulary={vocabulary} t={t} />}
    </>
  );
}

