// An interpretation opened from a link (#/articles?interpretation=id): shown beside the
// articles as rendered text, closed with its button, a click outside or Escape.
import { useEffect } from 'react';
import type { Regulation } from '../../../engine/model/model.js';
import { useMessages } from '../shared/i18n.js';
import { go } from '../shared/router.js';
import { InterpretationText } from './InterpretationText.js';

export function InterpretationPanel({ id, regulation }: { id: string; regulation: Regulation }) {
  const t = useMessages();
  const close = () => go('articles');
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') go('articles'); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const interpretation = Object.hasOwn(regulation.interpretations, id) ? regulation.interpretations[id] : undefined;
  if (!interpretation) return null;
  return (
    <div className="panel-backdrop" onClick={close}>
      <aside className="article-panel" role="dialog" aria-label={`${t.interpretation}：${interpretation.title}`} onClick={(e) => e.stopPropagation()} data-testid="interpretation-panel">
        <header>
          <span className="muted">{t.interpretation}</span>
          <button type="button" onClick={close} autoFocus>{t.close}</button>
        </header>
        <InterpretationText interpretation={interpretation} headingLevel={2} />
      </aside>
    </div>
  );
}
