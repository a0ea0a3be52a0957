// The studio's frame: the header (regulation, ruleset hash, unsaved changes, language) and
// the pages of its three users — policy staff, counter staff, legal reviewers. A skip link
// leads past the header; on a phone the pages fold into a menu; each page has one <h1>.
import { ProjectPicker } from './ProjectPicker.js';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { loadProject, useProject } from '../shared/project-store.js';
import { fill, toggleLanguage, useMessages } from '../shared/i18n.js';
import { href, useRoute } from '../shared/router.js';
import { ArticlePanel } from '../shared/article-panel.js';
import { Law } from '../shared/law-text.js';
import { hasRole, loadSession, signOut, useSession } from '../shared/session.js';
import type { Role } from '../../../engine/accounts/roles.js';
import { SignInPage } from './SignInPage.js';

// Each page loads when first opened (the editor's CodeMirror, the counter's JSON Forms…);
// the page the studio opens on starts loading at once, beside the project.
const pageCode = {
  articles: () => import('../articles/ArticlesPage.js'),
  trace: () => import('../trace/TracePage.js'),
  editor: () => import('../rule-editor/RuleEditorPage.js'),
  parameters: () => import('../parameters/ParametersPage.js'),
  counter: () => import('../counter/CounterPage.js'),
  fixtures: () => import('../fixtures/FixturesPage.js'),
  register: () => import('../register/RegisterPage.js'),
  accessLog: () => import('../register/AccessLogPage.js'),
  accounts: () => import('../register/AccountsPage.js'),
  successors: () => import('../successors/SuccessorsPage.js'),
};
const ArticlesPage = lazy(() => pageCode.articles().then((m) => ({ default: m.ArticlesPage })));
const TracePage = lazy(() => pageCode.trace().then((m) => ({ default: m.TracePage })));
const RuleEditorPage = lazy(() => pageCode.editor().then((m) => ({ default: m.RuleEditorPage })));
const ParametersPage = lazy(() => pageCode.parameters().then((m) => ({ default: m.ParametersPage })));
const CounterPage = lazy(() => pageCode.counter().then((m) => ({ default: m.CounterPage })));
const FixturesPage = lazy(() => pageCode.fixtures().then((m) => ({ default: m.FixturesPage })));
const RegisterPage = lazy(() => pageCode.register().then((m) => ({ default: m.RegisterPage })));
const AccessLogPage = lazy(() => pageCode.accessLog().then((m) => ({ default: m.AccessLogPage })));
const AccountsPage = lazy(() => pageCode.accounts().then((m) => ({ default: m.AccountsPage })));
const SuccessorsPage = lazy(() => pageCode.successors().then((m) => ({ default: m.SuccessorsPage })));

const PAGES = ['articles', 'editor', 'parameters', 'counter', 'fixtures', 'trace', 'successors', 'register', 'accessLog', 'accounts'] as const;
type PageName = (typeof PAGES)[number];
const isPage = (p: string): p is PageName => (PAGES as readonly string[]).includes(p);
/** Pages that show the fixtures' results (or compare them): they wait until those are in. */
const NEEDS_FIXTURES: ReadonlySet<PageName> = new Set(['editor', 'parameters', 'fixtures', 'trace']);

/**
 * Pages only some roles see in the menu (the server refuses the others their data anyway,
 * engine/server/route-roles.ts): the editors for who saves files (an administrator the
 * offices file), the register for the counter and legal review, the access log for legal
 * review, accounts for administrators. Single-user mode has the counter's and policy roles.
 */
const PAGE_ROLES: Partial<Record<PageName, readonly Role[]>> = {
  editor: ['policy', 'legal', 'admin'], parameters: ['policy', 'legal'], fixtures: ['policy', 'legal'],
  register: ['counter', 'legal'], accessLog: ['legal'], accounts: ['admin'], successors: ['policy', 'legal'],
};

// the project is asked for before the first render, the opening page's code beside it, and
// who is using the studio (a server with accounts answers the project only once signed in)
void loadSession();
void loadProject();
const opening = window.location.hash.replace(/^#\/?/, '').split('?')[0] || 'articles';
void pageCode[isPage(opening) ? opening : 'articles']().catch(() => undefined);

export function App() {
  const session = useSession();
  const t = useMessages();
  if (session.status === 'ready' && (session.mode === 'closed' || (session.mode === 'accounts' && !session.account))) {
    return (
      <div className="app">
        <header className="app-header"><div className="brand"><strong>{t.appTitle}</strong></div></header>
        <main id="main" tabIndex={-1}>
          <h1 className="page-title">{t.signInTitle}</h1>
          <SignInPage closed={session.mode === 'closed'} sso={session.sso} onSignedIn={() => void loadProject()} />
        </main>
      </div>
    );
  }
  return <Studio />;
}

function SessionBadge() {
  const session = useSession();
  const t = useMessages();
  if (session.status !== 'ready') return null;
  if (session.mode === 'single') return <span className="badge session" data-testid="session-mode" title={t.singleUserModeHint}>{t.singleUserMode}</span>;
  if (!session.account) return null;
  const roles = session.account.roles.map((r) => t.roleNames[r] ?? r).join(t.listSeparator);
  return (
    <>
      <span data-testid="signed-in"><span lang="zh-CN">{session.account.name}</span>{fill(t.parenthesized, { text: roles })}</span>
      <button type="button" className="link" data-testid="sign-out" onClick={() => void signOut()}>{t.signOut}</button>
    </>
  );
}

function Studio() {
  const session = useSession();
  const project = useProject();
  const route = useRoute();
  const t = useMessages();
  const [menuOpen, setMenuOpen] = useState(false);
  const page: PageName = isPage(route.page) ? route.page : 'articles';
  // the tab's title names the page, in the interface's language
  useEffect(() => {
    document.title = `${t[page]} · ${t.appTitle}`;
  }, [t, page]);
  useEffect(() => setMenuOpen(false), [route.page]);
  const model = project.workingModel ?? project.savedModel;
  // while a file has errors the rules cannot be built: the header keeps the last good ones
  const lastGood = useRef(model?.regulation);
  // (`in`: the decider is built only when a page asks for it, not on every edit)
  if (project.workingModel && 'decider' in project.workingModel && project.workingModel.regulation) lastGood.current = project.workingModel.regulation;
  const regulation = lastGood.current ?? project.savedModel?.regulation;
  const drafts = Object.keys(project.drafts).length;
  const waiting = NEEDS_FIXTURES.has(page) && Boolean(project.savedModel?.fixturesPending || project.workingModel?.fixturesPending);
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>{t.skipToContent}</a>
      <header className="app-header">
        <div className="brand">
          <strong>{t.appTitle}</strong>
          <Law><span className="regulation-title">《{regulation?.title ?? '…'}》</span></Law>
          <ProjectPicker />
        </div>
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="pages-nav" onClick={() => setMenuOpen((o) => !o)}>
          <span aria-hidden="true">☰</span> {t.menu}
        </button>
        <nav id="pages-nav" aria-label={t.pagesNav} className={menuOpen ? 'open' : ''}>
          {PAGES.filter((p) => !PAGE_ROLES[p] || (session.status !== 'ready' ? p !== 'accessLog' && p !== 'accounts' : PAGE_ROLES[p]!.some((r) => hasRole(session, r)))).map((p) => (
            <a key={p} href={href(p)} className={page === p ? 'active' : ''} aria-current={page === p ? 'page' : undefined}>{t[p]}</a>
          ))}
        </nav>
        <div className="status">
          <span className="ruleset" data-testid="ruleset">{t.ruleset} {regulation?.ruleset ?? '—'}</span>
          {drafts > 0 && <span className="badge warn" data-testid="unsaved">{drafts} {t.unsaved}</span>}
          {project.computing && <span className="badge" role="status">{t.computing}</span>}
          <SessionBadge />
          <button type="button" className="link" lang={t.languageCode} title={t.switchLanguage} onClick={toggleLanguage}>{t.language}</button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <h1 className="page-title">{t[page]}</h1>
        {project.status === 'loading' && <p className="muted">{t.loading}</p>}
        {project.status === 'error' && <p className="error">{t.loadFailed}{t.colon}{project.error}</p>}
        {project.status === 'ready' && waiting && <p className="muted" role="status">{t.runningFixtures}</p>}
        {project.status === 'ready' && !waiting && (
          <Suspense fallback={<p className="muted">{t.loading}</p>}>
            {page === 'articles' && <ArticlesPage />}
            {page === 'editor' && <RuleEditorPage file={route.params.get('file') ?? undefined} line={Number(route.params.get('line') ?? 0) || undefined} />}
            {page === 'parameters' && <ParametersPage />}
            {page === 'counter' && <CounterPage formName={route.params.get('form') ?? undefined} />}
            {page === 'fixtures' && <FixturesPage fromCounter={route.params.get('new') === '1'} />}
            {page === 'register' && <RegisterPage id={route.params.get('id') ?? undefined} decision={route.params.get('decision') ?? undefined} />}
            {page === 'accessLog' && <AccessLogPage />}
            {page === 'accounts' && <AccountsPage />}
            {page === 'successors' && <SuccessorsPage id={route.params.get('id') ?? undefined} />}
            {page === 'trace' && <TracePage fixture={route.params.get('fixture') ?? undefined} decision={route.params.get('decision') ?? undefined} />}
          </Suspense>
        )}
      </main>
      <ArticlePanel regulation={regulation} />
    </div>
  );
}
