// Every article number in the studio opens its text: <ArticleRef refId="12.3" /> and the
// panel that shows the article, its paragraphs and items, with the cited one marked.
// The panel is a dialog: focus moves into it, Tab stays in it, Escape or 关闭 closes it and
// focus returns to the article number that opened it.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { articleLabel } from '../../../engine/explain/article-label.js';
import type { Regulation } from '../../../engine/model/model.js';
import { useMessages } from './i18n.js';
import { Law } from './law-text.js';

let open: string | null = null;
/** the text whose articles a page shows while it is mounted (a decision made under another instrument), else the project's */
let articlesOf: Regulation | undefined;
let opener: HTMLElement | null = null;
const listeners = new Set<() => void>();
const setOpen = (ref: string | null): void => {
  open = ref;
  listeners.forEach((l) => l());
};

export function ArticleRef({ refId }: { refId: string }) {
  const t = useMessages();
  return (
    <button type="button" className="article-ref" lang="zh-CN" data-law="" onClick={(e) => { opener = e.currentTarget; setOpen(refId); }} title={t.showArticle}>
      {articleLabel(refId)}
    </button>
  );
}

function close(): void {
  setOpen(null);
  const back = opener;
  opener = null;
  if (back?.isConnected) back.focus();
}

/**
 * While the calling component is mounted, article numbers open in `regulation`'s text: a
 * decision made under 《居住证暂行条例》 (or a later version of the measures) cites that
 * text's articles, not the project's own.
 */
export function useArticlesOf(regulation: Regulation | undefined): void {
  useEffect(() => {
    articlesOf = regulation;
    listeners.forEach((l) => l());
    return () => {
      if (articlesOf === regulation) {
        articlesOf = undefined;
        listeners.forEach((l) => l());
      }
    };
  }, [regulation]);
}

export function ArticlePanel({ regulation: projectRegulation }: { regulation?: Regulation }) {
  const ref = useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), () => open);
  const override = useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), () => articlesOf);
  const regulation = override ?? projectRegulation;
  const t = useMessages();
  const panel = useRef<HTMLDivElement>(null);
  const shown = Boolean(ref && regulation);
  useEffect(() => {
    if (!shown) return;
    panel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close();
      } else if (e.key === 'Tab' && panel.current) {
        // Tab and Shift+Tab go round the panel's own controls
        const focusable = [...panel.current.querySelectorAll<HTMLElement>('button, a[href], [tabindex="0"]')];
        const first = focusable[0];
        const last = focusable.at(-1);
        if (!first || !last) return;
        if (e.shiftKey && (document.activeElement === first || document.activeElement === panel.current)) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shown, ref]);
  if (!ref || !regulation) return null;
  const article = regulation.articles.find((a) => a.id === ref.split('.')[0]);
  return (
    <div className="panel-backdrop" onClick={close}>
      <div className="article-panel" role="dialog" aria-modal="true" aria-labelledby="article-panel-title" tabIndex={-1} ref={panel} data-testid="article-panel" onClick={(e) => e.stopPropagation()}>
        <div className="panel-head">
          <h2 id="article-panel-title"><Law>{article ? `${articleLabel(article.id)} ${article.title}` : articleLabel(ref)}</Law></h2>
          <button type="button" onClick={close}>{t.close}</button>
        </div>
        {article ? (
          <Law block>
            <p className="muted">{article.chapter}</p>
            {article.paragraphs.map((p) => (
              <div key={p.id} className={`paragraph${ref === p.id || ref.startsWith(`${p.id}.`) ? ' cited' : ''}`}>
                <span className="paragraph-id">{articleLabel(p.id)}</span>
                <p>{p.text}</p>
                {p.items?.map((i) => (
                  <p key={i.id} className={`item${ref === i.id ? ' cited' : ''}`}>{i.label} {i.text}</p>
                ))}
              </div>
            ))}
          </Law>
        ) : (
          <p>—</p>
        )}
      </div>
    </div>
  );
}
