// Beside every editor: the fixtures that now fail and the decisions that change, before saving.
import { useDeferredValue, useMemo } from 'react';
import { useProject } from '../shared/project-store.js';
import { fill, useMessages, type Messages } from '../shared/i18n.js';
import { Law } from '../shared/law-text.js';
import { ArticleRef } from '../shared/article-panel.js';
import { href } from '../shared/router.js';
import { compareModels } from './regression.js';
import { describeValue } from '../../../engine/explain/describe-value.js';
import type { Vocabulary } from '../../../engine/model/model.js';
import { PastDecisionsImpact } from '../register/PastDecisionsImpact.js';
import { PopulationImpact } from './PopulationImpact.js';

/**
 * A value as policy staff compare it with a fixture's `expect:`: the code they write there and,
 * in Chinese, its name beside it, as the trace shows it (notice（一次性书面告知需要补充的材料）).
 */
const show = (v: unknown, t: Messages, vocabulary: Vocabulary | undefined): string => {
  if (v === undefined) return t.none;
  const named = vocabulary && t.locale === 'zh-CN' ? vocabulary : undefined;
  if (Array.isArray(v)) return `[${v.map((x) => (named ? describeValue(x, named) : String(x))).join(', ')}]`;
  // a code (a string or number) with its name; true, false and null as the fixture writes them
  return named && (typeof v === 'string' || typeof v === 'number') ? describeValue(v, named) : String(v);
};

export function RegressionPanel() {
  const project = useProject();
  const t = useMessages();
  // rendered after the rest of the page takes a new model, in a pass React can interrupt
  const savedModel = useDeferredValue(project.savedModel);
  const workingModel = useDeferredValue(project.workingModel);
  // both sides' fixtures decided: a side still pending has none, and would show "0 changed"
  const regression = useMemo(() => (savedModel && workingModel && !savedModel.fixturesPending && !workingModel.fixturesPending ? compareModels(savedModel, workingModel) : undefined), [savedModel, workingModel]);
  if (!workingModel || !regression) return <section className="regression"><h3>{t.regression}</h3><p className="muted">{t.computing}</p></section>;
  const vocabulary = workingModel.regulation?.vocabulary ?? savedModel?.regulation?.vocabulary;
  const passed = workingModel.fixtures.filter((f) => f.passed).length;
  const rulesBroken = workingModel.problems.some((p) => p.location.file.startsWith('rules/') && !p.location.file.startsWith('rules/population/'));
  return (
    <section className="regression" data-testid="regression">
      <h3>{t.regression}</h3>
      {rulesBroken ? (
        <p className="error">{t.cannotSave}{t.colon}{t.rulesBrokenNoRun}</p>
      ) : (
        <p className="muted">
          {t.fixturesRun} {workingModel.fixtures.length}{t.colon}{passed} {t.passed}{t.comma}{workingModel.fixtures.length - passed} {t.failed}{t.semicolon}{t.rerunIn} {Math.round(workingModel.ms)} ms
        </p>
      )}
      {!rulesBroken && regression.failing.length > 0 && (
        <>
          <h4>{t.nowFailing}{fill(t.count, { n: regression.failing.length })}</h4>
          <ul className="failing" data-testid="failing">
            {regression.failing.map((f) => (
              <li key={f.file}>
                <a href={href('trace', { fixture: f.file })} lang="zh-CN">{f.name ?? f.file}</a> {f.isNew && <span className="badge warn">{t.isNew}</span>}
                <div className="muted small">{f.file}</div>
                {f.mismatches.map((m) => (
                  <div key={m.path} className="mismatch">{m.path}{t.colon}{t.expected} {show(m.expected, t, vocabulary)}{t.comma}{t.nowIs} <b>{show(m.actual, t, vocabulary)}</b></div>
                ))}
                {f.error && <div className="error small"><Law>{f.error}</Law></div>}
              </li>
            ))}
          </ul>
        </>
      )}
      {!rulesBroken && <h4>{t.changedDecisions}{fill(t.count, { n: regression.changes.length })}</h4>}
      {!rulesBroken && regression.changes.length === 0 && <p className="muted">{t.noRegression}</p>}
      <div data-testid="changes" hidden={rulesBroken}>
        {regression.byArticle.map(({ article, changes }) => (
          <div key={article} className="change-group">
            <h5><ArticleRef refId={article} /></h5>
            <ul>
              {changes.map((c) => (
                <li key={`${c.fixture}|${c.decision}.${c.field}`}>
                  <a href={href('trace', { fixture: c.fixture, decision: c.decision })} lang="zh-CN">{c.name ?? c.fixture}</a>
                  <div className="change">
                    <code>{c.decision}.{c.field}</code>{t.colon}<span className="before">{show(c.before, t, vocabulary)}</span> → <span className="after">{show(c.after, t, vocabulary)}</span>
                  </div>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      {!rulesBroken && <PastDecisionsImpact />}
      {/* cases beyond the fixtures, decided in a worker; the register's past decisions mount beside it */}
      <PopulationImpact />
    </section>
  );
}
