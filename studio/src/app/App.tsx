// The studio's frame: the header (regulation, ruleset hash, unsaved changes, language) and
// the pages of its three users — policy staff, counter staff, legal reviewers.
import { lazy, Suspense, useEffect, useRef } from 'react';
import { loadProject, useProject } from '../shared/project-store.js';
import { toggleLanguage, useMessages } from '../shared/i18n.js';
import { href, useRoute } from '../shared/router.js';
import { ArticlePanel } from '../shared/article-panel.js';

// Each page loads when first opened (the editor's CodeMirror, the counter's JSON Forms…).
const ArticlesPage = lazy(() => import('../articles/ArticlesPage.js').then((m) => ({ default: m.ArticlesPage })));
const TracePage = lazy(() => import('../trace/TracePage.js').then((m) => ({ default: m.TracePage })));
const RuleEditorPage = lazy(() => import('../rule-editor/RuleEditorPage.js').then((m) => ({ default: m.RuleEditorPage })));
const ParametersPage = lazy(() => import('../parameters/ParametersPage.js').then((m) => ({ default: m.ParametersPage })));
const CounterPage = lazy(() => import('../counter/CounterPage.js').then((m) => ({ default: m.CounterPage })));
const FixturesPage = lazy(() => import('../fixtures/FixturesPage.js').then((m) => ({ default: m.FixturesPage })));
const RegisterPage = lazy(() => import('../register/RegisterPage.js').then((m) => ({ default: m.RegisterPage })));

const PAGES = ['articles', 'editor', 'parameters', 'counter', 'fixtures', 'trace', 'register'] as const;

export function App() {
  const project = useProject();
  const route = useRoute();
  const t = useMessages();
  useEffect(() => {
    void loadProject();
  }, []);
  const model = project.workingModel ?? project.savedModel;
  // while a file has errors the rules cannot be built: the header keeps the last good ones
  const lastGood = useRef(model?.regulation);
  if (project.workingModel?.decider && project.workingModel.regulation) lastGood.current = project.workingModel.regulation;
  const shown = lastGood.current ?? project.savedModel?.regulation;
  const drafts = Object.keys(project.drafts).length;
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <strong>{t.appTitle}</strong>
          <span className="regulation-title">《{shown?.title ?? '…'}》</span>
        </div>
        <nav>
          {PAGES.map((p) => (
            <a key={p} href={href(p)} className={route.page === p ? 'active' : ''}>{t[p]}</a>
          ))}
        </nav>
        <div className="status">
          <span className="ruleset" title={t.ruleset} data-testid="ruleset">{t.ruleset} {shown?.ruleset ?? '—'}</span>
          {drafts > 0 && <span className="badge warn" data-testid="unsaved">{drafts} {t.unsaved}</span>}
          {project.computing && <span className="badge">{t.computing}</span>}
          <button type="button" className="link" onClick={toggleLanguage}>{t.language}</button>
        </div>
      </header>
      <main>
        {project.status === 'loading' && <p className="muted">{t.loading}</p>}
        {project.status === 'error' && <p className="error">{t.loadFailed}：{project.error}</p>}
        {project.status === 'ready' && (
          <Suspense fallback={<p className="muted">{t.loading}</p>}>
            {route.page === 'articles' && <ArticlesPage />}
            {route.page === 'editor' && <RuleEditorPage file={route.params.get('file') ?? undefined} line={Number(route.params.get('line') ?? 0) || undefined} />}
            {route.page === 'parameters' && <ParametersPage />}
            {route.page === 'counter' && <CounterPage formName={route.params.get('form') ?? undefined} />}
            {route.page === 'fixtures' && <FixturesPage fromCounter={route.params.get('new') === '1'} />}
            {route.page === 'register' && <RegisterPage id={route.params.get('id') ?? undefined} decision={route.params.get('decision') ?? undefined} />}
            {route.page === 'trace' && <TracePage fixture={route.params.get('fixture') ?? undefined} decision={route.params.get('decision') ?? undefined} />}
          </Suspense>
        )}
      </main>
      <ArticlePanel regulation={shown} />
    </div>
  );
}
