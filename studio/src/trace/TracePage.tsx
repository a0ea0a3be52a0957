// Why: a decision as a tree — the decision, the rules that could set it (applied, set aside
// by an exception, or not applicable), each condition with its values, the articles with
// their text, and the interpretations they rest on.
import { useEffect, useState } from 'react';
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
import { conditionChildren, isRuleTrace, type ConditionNode } from '../../../engine/explain/trace-types.js';

function Interpretation({ id, regulation }: { id: string; regulation: Regulation }) {
  const i = regulation.interpretations[id];
  if (!i) return <code>{id}</code>;
  return (
    <details className="interpretation">
      <summary>解释：{i.title}</summary>
      <p><b>问题</b> {i.question}</p>
      <p><b>采用的理解</b> {i.reading}</p>
      {i.alternatives.length > 0 && <ul>{i.alternatives.map((a) => <li key={a.reading}>其他理解：{a.reading}{a.consequence ? `（${a.consequence}）` : ''}</li>)}</ul>}
      <p><b>理由</b> {i.reasoning}</p>
    </details>
  );
}

function Conditions({ node }: { node: ConditionNode }) {
  const group = conditionChildren(node);
  if (group?.kind === 'all') return <ul className="conditions">{group.children.map((c, i) => <li key={i}><Conditions node={c} /></li>)}</ul>;
  if (group?.kind === 'any') return <div>任一成立：<ul className="conditions">{group.children.map((c, i) => <li key={i}><Conditions node={c} /></li>)}</ul></div>;
  if (group?.kind === 'not') return <div>以下不成立：<Conditions node={group.children[0]} /></div>;
  if ('all' in node || 'any' in node || 'not' in node) return null;
  return <span className={node.result === true ? 'holds' : node.result === false ? 'fails' : 'muted'}>{node.text}</span>;
}

export function TracePage({ fixture, decision }: { fixture?: string; decision?: string }) {
  const project = useProject();
  const t = useMessages();
  const counter = useCounterCase();
  const model = project.workingModel?.decider ? project.workingModel : project.savedModel;
  const [document, setDocument] = useState<DecisionDocument | null>(null);
  const fixtures = model?.fixtures ?? [];
  const chosen = fixture ?? fixtures[0]?.file;

  useEffect(() => {
    if (!model?.decider) return;
    if (chosen === 'counter') {
      if (counter) void model.decider.decide(counter).then(setDocument);
      return;
    }
    if (chosen?.startsWith('population:')) { // an example from the impact panel's population
      void populationCase(Number(chosen.slice('population:'.length))).then((c) => (c ? model.decider!.decide(c).then(setDocument) : setDocument(null)));
      return;
    }
    const text = model.files[chosen ?? ''];
    const checked = text ? parseCase(model.decider.regulation, text, chosen ?? '') : undefined; // never throws: a bad file just shows no decision
    if (checked?.case) void model.decider.decide(checked.case).then(setDocument);
    else setDocument(null);
  }, [model, chosen, counter]);

  if (!model?.regulation) return null;
  const regulation = model.regulation;
  const names = Object.keys(regulation.decisions);
  const current = decision && names.includes(decision) ? decision : names.find((n) => document?.decisions[n]?.because?.some((b) => isRuleTrace(b) && b.result === 'fired')) ?? names[0];

  return (
    <div className="trace-page">
      <div className="trace-pickers">
        <label>{t.chooseCase}：
          <select data-testid="trace-case" value={chosen} onChange={(e) => go('trace', { fixture: e.target.value, decision: current })}>
            {counter && <option value="counter">（窗口受理中的案件）{counter.name}</option>}
            {chosen?.startsWith('population:') && <option value={chosen}>{t.populationCase} #{Number(chosen.slice(11)) + 1}</option>}
            {fixtures.map((f) => <option key={f.file} value={f.file}>{f.name ?? f.file}</option>)}
          </select>
        </label>
        <nav className="decision-tabs">
          {names.map((n) => <a key={n} href={href('trace', { fixture: chosen, decision: n })} className={n === current ? 'active' : ''}>{regulation.decisions[n].label}</a>)}
        </nav>
      </div>
      <TraceTree regulation={regulation} document={document} decision={current} />
    </div>
  );
}

/** One decision of a document as a tree: its values, articles, interpretations and every rule with its conditions (also for a stored decision, as it was made). */
export function TraceTree({ regulation, document, decision }: { regulation: Regulation; document: DecisionDocument | null; decision: string }) {
  const t = useMessages();
  const d = document?.decisions[decision];
  const spec = regulation.decisions[decision];
  const current = decision;
  return (
    <>
      {d && (
        <section className="trace-tree" data-testid="trace-tree">
          <h2>{spec.label}</h2>
          <dl className="decision-values">
            {Object.entries(spec.fields).map(([f, fs]) => (
              <div key={f}><dt>{fs.label} <code>{current}.{f}</code></dt><dd>{f in d ? describeValue(d[f], regulation.vocabulary) : '（无）'}</dd></div>
            ))}
          </dl>
          <p>依据：{d.articles.map((a) => <ArticleRef key={a} refId={a} />)}</p>
          {d.interpretations.map((i) => <Interpretation key={i} id={i} regulation={regulation} />)}
          <h3>规则</h3>
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
                    {b.overriddenBy && <p>被例外规则排除：{b.overriddenBy.join('、')}</p>}
                    {b.interpretations.map((id) => <Interpretation key={id} id={id} regulation={regulation} />)}
                    <a className="small" href={href('editor', { file: regulation.rules.find((r) => r.id === b.rule)?.file, line: String(regulation.rules.find((r) => r.id === b.rule)?.location.line ?? '') })}>在规则编辑中打开</a>
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
