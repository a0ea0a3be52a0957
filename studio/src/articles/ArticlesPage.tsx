// The home page: the 23 articles in the regulation's own structure; beside each paragraph
// what encodes it and what tests it; paragraphs nothing encodes or no fixture reaches are marked.
// Shown as soon as the rules are known; what the fixtures reach fills in when they have run.
import { useMemo } from 'react';
import { articleLabel } from '../../../engine/explain/article-label.js';
import { useProject } from '../shared/project-store.js';
import { decides } from '../shared/model.js';
import { fill, useMessages } from '../shared/i18n.js';
import { Law } from '../shared/law-text.js';
import { href, useRoute } from '../shared/router.js';
import { articleLinks } from './article-links.js';
import { ReadingImpactPanel } from './ReadingImpactPanel.js';
import { InterpretationPanel } from './InterpretationPanel.js';
import { ConformanceFindings, useConformance } from './ConformanceFindings.js';

export function ArticlesPage() {
  const project = useProject();
  const t = useMessages();
  const opened = useRoute().params.get('interpretation');
  const model = decides(project.workingModel) ? project.workingModel : project.savedModel;
  const links = useMemo(() => (model?.regulation ? articleLinks(model) : undefined), [model]);
  // the findings are of the saved rules (the server's), beside the articles they concern
  const conformance = useConformance(project.savedModel?.regulation?.ruleset);
  if (!model?.regulation || !links) return null;
  const regulation = model.regulation;
  const ruleFile = (id: string) => regulation.rules.find((r) => r.id === id);
  let chapter = '';
  const decidable = links.articles.flatMap((a) => a.paragraphs).filter((p) => p.decidable);
  // just opened: the rules are shown, what the fixtures reach follows (never "no fixture" meanwhile)
  const pending = model.fixturesPending === true;
  const counts = { articles: regulation.articles.length, decidable: decidable.length, encoded: decidable.filter((p) => !p.unencoded).length, tested: decidable.filter((p) => p.fixtures.length).length, rules: regulation.rules.length, fixtures: model.fixtures.length };
  return (
    <div className="articles-page">
      <p className="summary" data-testid="coverage-summary" aria-busy={pending} role="status">
        {fill(pending ? t.coverageSummaryPending : t.coverageSummary, counts)}
      </p>
      {links.articles.map((a) => {
        const header = a.chapter !== chapter ? <h2 className="chapter" lang="zh-CN" data-law="">{(chapter = a.chapter)}</h2> : null;
        return (
          <div key={a.id}>
            {header}
            <article className={`article${a.decidable ? '' : ' not-decidable'}`} id={`article-${a.id}`} data-testid={`article-${a.id}`}>
              <h3 lang="zh-CN" data-law="">{articleLabel(a.id)} <span className="article-title">{a.title}</span></h3>
              {!a.decidable && <p className="muted small">{t.notDecidable}{t.colon}<Law>{a.reason}</Law></p>}
              {a.paragraphs.map((p) => {
                const para = regulation.articles.find((x) => x.id === a.id)!.paragraphs.find((x) => x.id === p.id)!;
                const fields = links.fields.get(p.id) ?? [];
                const untested = p.untested && !pending;
                return (
                  <div key={p.id} className={`paragraph-row${p.unencoded ? ' flag-unencoded' : ''}${untested ? ' flag-untested' : ''}`} data-testid={`paragraph-${p.id}`}>
                    <div className="paragraph-text" lang="zh-CN" data-law="">
                      <span className="paragraph-id">{articleLabel(p.id).replace(/^第.+?条/, '') || '　'}</span>
                      <p>{p.text}</p>
                      {para.items?.map((i) => <p key={i.id} className="item">{i.label} {i.text}</p>)}
                                          </div>
                    {(p.unencoded || untested) && (
                      <div className="paragraph-flags">
                        {p.unencoded && <p className="flag">⚠ {t.noRule}</p>}
                        {untested && <p className="flag">⚠ {t.noFixture}</p>}
                      </div>
                    )}
                    {p.decidable && (
                      <div className="paragraph-links">
                        {p.rules.length > 0 && (
                          <div><b>{t.rules}</b>{p.rules.map((id) => { const r = ruleFile(id)!; return <a key={id} className="chip" title={r.name} href={href('editor', { file: r.file, line: String(r.location.line) })}>{id}</a>; })}</div>
                        )}
                        {p.parameters.length > 0 && <div><b>{t.params}</b>{p.parameters.map((n) => <a key={n} className="chip param" lang="zh-CN" href={href('parameters')}>{regulation.parameters[n].label}</a>)}</div>}
                        {p.interpretations.length > 0 && (
                          <div><b>{t.interpretations}</b>{p.interpretations.map((id) => <a key={id} className="chip interp" lang="zh-CN" title={regulation.interpretations[id].question} href={href('articles', { interpretation: id })}>{regulation.interpretations[id].title}</a>)}</div>
                        )}
                        {fields.length > 0 && (
                          <div><b>{t.formFields}</b>{[...new Map(fields.map((f) => [`${f.form}|${f.field}`, f])).values()].slice(0, 8).map((f) => <span key={`${f.form}${f.field}`} className="chip field" lang="zh-CN" title={f.field}>{f.form}{t.colon}{f.title}</span>)}{fields.length > 8 && <span className="muted"> …</span>}</div>
                        )}
                        {pending ? <div data-testid="fixtures-pending"><b>{t.fixturesReaching}</b> <span className="muted">{t.fixturesPending}</span></div> : <div><b>{t.fixturesReaching}{fill(t.count, { n: p.fixtures.length })}</b>{p.fixtures.slice(0, 4).map((f) => <a key={f} className="chip fixture" href={href('trace', { fixture: f })}>{f.split('/').pop()!.replace(/\.ya?ml$/, '')}</a>)}{p.fixtures.length > 4 && <span className="muted"> …</span>}</div>}
                      </div>
                    )}
                  </div>
                );
              })}
              {conformance && <ConformanceFindings report={conformance} articleId={a.id} />}
            </article>
          </div>
        );
      })}
      <ReadingImpactPanel model={model} />
      {opened && <InterpretationPanel id={opened} regulation={regulation} model={model} />}
    </div>
  );
}
