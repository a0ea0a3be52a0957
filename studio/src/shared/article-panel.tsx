// Every article number in the studio opens its text: <ArticleRef refId="12.3" /> and the
// panel that shows the article, its paragraphs and items, with the cited one marked.
import { useSyncExternalStore } from 'react';
import { articleLabel } from '../../../engine/explain/article-label.js';
import type { Regulation } from '../../../engine/model/model.js';
import { useMessages } from './i18n.js';

let open: string | null = null;
const listeners = new Set<() => void>();
const setOpen = (ref: string | null): void => {
  open = ref;
  listeners.forEach((l) => l());
};

export function ArticleRef({ refId }: { refId: string }) {
  return (
    <button type="button" className="article-ref" onClick={() => setOpen(refId)} title="查看条文">
      {articleLabel(refId)}
    </button>
  );
}

export function ArticlePanel({ regulation }: { regulation?: Regulation }) {
  const ref = useSyncExternalStore((l) => (listeners.add(l), () => listeners.delete(l)), () => open);
  const t = useMessages();
  if (!ref || !regulation) return null;
  const article = regulation.articles.find((a) => a.id === ref.split('.')[0]);
  return (
    <div className="panel-backdrop" onClick={() => setOpen(null)}>
      <aside className="article-panel" role="dialog" aria-label={t.articleText} onClick={(e) => e.stopPropagation()}>
        <header>
          <h2>{article ? `${articleLabel(article.id)} ${article.title}` : articleLabel(ref)}</h2>
          <button type="button" onClick={() => setOpen(null)}>{t.close}</button>
        </header>
        {article ? (
          <>
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
          </>
        ) : (
          <p>—</p>
        )}
      </aside>
    </div>
  );
}
