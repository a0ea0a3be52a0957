// Why: a decision as a tree — the decision, the rules that could set it (applied, set aside
// by an exception, or not applicable), each condition with its values, the articles with
// their text, and the interpretations they rest on.
import { useEffect, useMemo, useState } from 'react';
import type { DecisionDocument } from '../../../engine/explain/decider.js';
import { describeValue } from '../../../engine/explain/describe-value.js';
import { parseCase } from '../../../engine/model/case/validate-case.js';
import { useProject } from '../shared/project-store.js';
import { useMessages } from '../shared/i18n.js';
import { go, href } from '../shared/router.js';
import { ArticleRef } from '../shared/article-panel.js';
import { useCounterCase } from '../counter/counter-store.js';
import { populationCase } from '../impact/impact-store.js';
import type { Regulation } from '../../../engine/model/model.js';
import { InterpretationText } from '../articles/InterpretationText.js';
import { caseGroups } from './case-groups.js';
import { conditionChildren, isRuleTrace, type ConditionNode } from '../../../engine/explain/trace-types.js';

function Interpretation({ id, regulation }: { id: string; regulation: Regulation }) {
  const t = useMessages();
  const i = Object.hasOwn(regulation.interpretations, id) ? regulation.interpretations[id] : undefined;
  if (!i) return <code>{id}</code>;
  return (
    <details className="interpretation">
      <summary>{t.interpretation}：{i.title}</summary>
      <InterpretationText interpretation={i} headingLevel={4} />
    </details>
  );
}

function Conditions({ node }: { node: ConditionNode }) {
  const t = useMessages();
  const group = conditionChildren(node);
  if (group?.kind === 'all') return <ul className="conditions">{group.children.map((c, i) => <li key={i}><Conditions node={c} /></li>)}</ul>;
  if (group?.kind === 'any') return <div>{t.anyHolds}<ul className="conditions">{group.children.map((c, i) => <li key={i}><Conditions node={c} /></li>)}</ul></div>;
  if (group?.kind === 'not') return <div>{t.noneHolds}<Conditions node={group.children[0]} /></div>;
  if ('all' in node || 'any' in node || 'not' in node) return null;
  return <span className={node.result === true ? 'holds' : node.result === false ? 'fails' : 'muted'}>{node.text}</span>;
}

export function TracePage({ fixture, decision }: { fixture?: string; decision?: string }) {
  const project = useProject();
  const t = useMessages();
  const counter = useCounterCase();
  const model = project.workingModel?.decider ? project.workingModel : project.savedModel;
  // the decision with what it was decided from: one decided from older rules or another
  // case is never shown as this one's (a "recomputing" note shows until it is ready)
  const [decided, setDecided] = useState<{ document: DecisionDocument | null; model: unknown; chosen: unknown; counter: unknown } | null>(null);
  const [query, setQuery] = useState('');
  const fixtures = model?.fixtures ?? [];
  const chosen = fixture ?? fixtures[0]?.file;
  const groups = useMemo(() => caseGroups(fixtures, query, t.otherCases), [fixtures, query, t.otherCases]);

  useEffect(() => {
    if (!model?.decider) return;
    let live = true;
    const show = (document: DecisionDocument | null) => { if (live) setDecided({ document, model, chosen, counter }); };
    if (chosen === 'counter') {
      if (counter) void model.decider.decide(counter).then(show, () => show(null));
      else show(null);
      return () => { live = false; };
    }
    if (chosen?.startsWith('population:')) { // an example from the impact panel's population
      void populationCase(Number(chosen.slice('population:'.length))).then((c) => (c ? model.decider!.decide(c).then(show, () => show(null)) : show(null)), () => show(null));
      return () => { live = false; };
    }
    const text = model.files[chosen ?? ''];
    const checked = text ? parseCase(model.decider.regulation, text, chosen ?? '') : undefined; // never throws: a bad file just shows no decision
    if (checked?.case) void model.decider.decide(checked.case).then(show, () => show(null));
    else show(null);
    return () => { live = false; };
  }, [model, chosen, counter]);
  const fresh = decided && decided.model === model && decided.chosen === chosen && (chosen !== 'counter' || decided.counter === counter);
  const document = fresh ? decided.document : null;
  const recomputing = !fresh || project.computing;

  if (!model?.regulation) return null;
  const regulation = model.regulation;
  const names = Object.keys(regulation.decisions);
  const current = decision && names.includes(decision) ? decision : names.find((n) => document?.decisions[n]?.because?.some((b) => isRuleTrace(b) && b.result === 'fired')) ?? names[0];

  return (
    <div className="trace-page">
      <div className="trace-pickers">
        <label>{t.searchCases}：
          <input type="search" data-testid="trace-search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <label>{t.chooseCase}（{groups.reduce((n, g) => n + g.cases.length, 0)} {t.casesShown}）：
          <select data-testid="trace-case" value={chosen} onChange={(e) => go('trace', { fixture: e.target.value, decision: current })}>
            {counter && <option value="counter">{t.caseAtCounter}{counter.name}</option>}
            {chosen?.startsWith('population:') && <option value={chosen}>{t.populationCase} #{Number(chosen.slice(11)) + 1}</option>}
            {/* the case shown stays in the list whatever the search */}
            {chosen && chosen !== 'counter' && !chosen.startsWith('population:') && !groups.some((g) => g.cases.some((c) => c.file === chosen)) && <option value={chosen}>{fixtures.find((f) => f.file === chosen)?.name ?? chosen}</option>}
            {groups.map((g) => (
              <optgroup key={`${g.label}${g.article ?? ''}`} label={`${g.label}（${g.cases.length}）`}>
                {g.cases.map((c) => <option key={c.file} value={c.file}>{c.name}</option>)}
              </optgroup>
            ))}
          </select>
        </label>
        <nav className="decision-tabs">
          {names.map((n) => <a key={n} href={href('trace', { fixture: chosen, decision: n })} className={n === current ? 'active' : ''}>{regulation.decisions[n].label}</a>)}
        </nav>
      </div>
      <TraceTree regulation={regulation} document={document} decision={current} recomputing={recomputing} />
    </div>
  );
}

/** One decision of a document as a tree: its values, articles, interpretations and every rule with its conditions (also for a stored decision, as it was made). */
export function TraceTree({ regulation, document, decision, recomputing = false }: { regulation: Regulation; document: DecisionDocument | null; decision: string; recomputing?: boolean }) {
  const t = useMessages();
  const d = document?.decisions[decision];
  const spec = regulation.decisions[decision];
  const current = decision;
  return (
    <>
      {recomputing && <p className="muted" role="status" data-testid="trace-recomputing">{t.recomputingDecision}</p>}
      {d && !recomputing && (
        <section className="trace-tree" data-testid="trace-tree">
          <h2>{spec.label}</h2>
          <dl className="decision-values">
            {Object.entries(spec.fields).map(([f, fs]) => (
              <div key={f}><dt>{fs.label} <code>{current}.{f}</code></dt><dd>{f in d ? describeValue(d[f], regulation.vocabulary) : t.noValue}</dd></div>
            ))}
          </dl>
          <p>{t.basis}：{d.articles.map((a) => <ArticleRef key={a} refId={a} />)}</p>
          {d.interpretations.map((i) => <Interpretation key={i} id={i} regulation={regulation} />)}
          <h3>{t.rules}</h3>
          <ul className="rules-tree">
            {(d.because ?? []).map((b, i) => isRuleTrace(b) ? (
              <li key={b.rule} className={`rule ${b.result}`}>
                <details open={b.result !== 'failed'}>
                  <summary>
                    <span className="rule-status">{b.result === 'fired' ? `✓ ${t.fired}` : b.result === 'overridden' ? `⊘ ${t.overridden}` : `✗ ${t.failedRule}`}</span>{' '}
                    {b.name} <code>{b.rule}</code>{' '}
                    {b.articles.map((a) => <ArticleRef key={a} refId={a} />)}
                    {b.sets && <span className="sets"> → {Object.entries(b.sets).map(([k, v]) => `${k} = ${describeValue(v, regulation.vocabulary)}`).join('，')}</span>}
                  </summary>
                  <div className="rule-body">
                    <h4>{t.conditions}</h4>
                    <Conditions node={b.conditions} />
                    {b.derived.length > 0 && <ul className="derived">{b.derived.map((x) => <li key={x.name}>{x.text}</li>)}</ul>}
                    {b.overriddenBy && <p>{t.setAsideBy}{b.overriddenBy.join('、')}</p>}
                    {b.interpretations.map((id) => <Interpretation key={id} id={id} regulation={regulation} />)}
                    <a className="small" href={href('editor', { file: regulation.rules.find((r) => r.id === b.rule)?.file, line: String(regulation.rules.find((r) => r.id === b.rule)?.location.line ?? '') })}>{t.openRuleInEditor}</a>
                  </div>
                </details>
              </li>
            ) : (
              <li key={`default-${i}`} className="rule default">{b.text}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
