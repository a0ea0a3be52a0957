// Beside every editor: the fixtures that now fail and the decisions that change, before saving.
import { useMemo } from 'react';
import { useProject } from '../shared/project-store.js';
import { useMessages } from '../shared/i18n.js';
import { ArticleRef } from '../shared/article-panel.js';
import { href } from '../shared/router.js';
import { compareModels } from './regression.js';
import { PastDecisionsImpact } from '../register/PastDecisionsImpact.js';
import { PopulationImpact } from './PopulationImpact.js';

const show = (v: unknown): string => (v === undefined ? '（无）' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v));

export function RegressionPanel() {
  const project = useProject();
  const t = useMessages();
  const { savedModel, workingModel } = project;
  const regression = useMemo(() => (savedModel && workingModel ? compareModels(savedModel, workingModel) : undefined), [savedModel, workingModel]);
  if (!workingModel || !regression) return <section className="regression"><h3>{t.regression}</h3><p className="muted">{t.computing}</p></section>;
  const passed = workingModel.fixtures.filter((f) => f.passed).length;
  const rulesBroken = workingModel.problems.some((p) => p.location.file.startsWith('rules/') && !p.location.file.startsWith('rules/population/'));
  return (
    <section className="regression" data-testid="regression">
      <h3>{t.regression}</h3>
      {rulesBroken ? (
        <p className="error">{t.cannotSave}：规则有错误时不运行夹具，改正后再比较。</p>
      ) : (
        <p className="muted">
          {t.fixturesRun} {workingModel.fixtures.length}：{passed} {t.passed}，{workingModel.fixtures.length - passed} {t.failed}；{t.rerunIn} {Math.round(workingModel.ms)} ms
        </p>
      )}
      {!rulesBroken && regression.failing.length > 0 && (
        <>
          <h4>{t.nowFailing}（{regression.failing.length}）</h4>
          <ul className="failing" data-testid="failing">
            {regression.failing.map((f) => (
              <li key={f.file}>
                <a href={href('trace', { fixture: f.file })}>{f.name ?? f.file}</a> {f.isNew && <span className="badge warn">新</span>}
                <div className="muted small">{f.file}</div>
                {f.mismatches.map((m) => (
                  <div key={m.path} className="mismatch">{m.path}：预期 {show(m.expected)}，现为 <b>{show(m.actual)}</b></div>
                ))}
                {f.error && <div className="error small">{f.error}</div>}
              </li>
            ))}
          </ul>
        </>
      )}
      {!rulesBroken && <h4>{t.changedDecisions}（{regression.changes.length}）</h4>}
      {!rulesBroken && regression.changes.length === 0 && <p className="muted">{t.noRegression}</p>}
      <div data-testid="changes" hidden={rulesBroken}>
        {regression.byArticle.map(({ article, changes }) => (
          <div key={article} className="change-group">
            <h5><ArticleRef refId={article} /></h5>
            <ul>
              {changes.map((c) => (
                <li key={`${c.fixture}|${c.decision}.${c.field}`}>
                  <a href={href('trace', { fixture: c.fixture, decision: c.decision })}>{c.name ?? c.fixture}</a>
                  <div className="change">
                    <code>{c.decision}.{c.field}</code>：<span className="before">{show(c.before)}</span> → <span className="after">{show(c.after)}</span>
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
