// An interpretation opened from a link (#/articles?interpretation=id): shown beside the
// articles as rendered text, closed with its button, a click outside or Escape.
import { useEffect } from 'react';
import type { Regulation } from '../../../engine/model/model.js';
import type { Model } from '../shared/model.js';
import { useCounterCase } from '../counter/counter-store.js';
import { useMessages } from '../shared/i18n.js';
import { go } from '../shared/router.js';
import { InterpretationText } from './InterpretationText.js';

/** The case 本案 means here: the counter's, else the first fixture decided under this interpretation. */
function caseFor(id: string, model: Model, counterName: string | undefined): { fixture: string; name: string } | undefined {
  if (counterName !== undefined) return { fixture: 'counter', name: counterName };
  const f = model.fixtures.find((x) => Object.values(x.document?.decisions ?? {}).some((d) => d.interpretations.includes(id)));
  return f && { fixture: f.file, name: f.name ?? f.file };
}

export function InterpretationPanel({ id, regulation, model }: { id: string; regulation: Regulation; model: Model }) {
  const t = useMessages();
  const counter = useCounterCase();
  const target = caseFor(id, model, counter ? counter.name ?? '' : undefined);
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
        <InterpretationText interpretation={interpretation} headingLevel={2}
          decideUnder={target && ((alt) => go('trace', { fixture: target.fixture, reading: alt === undefined ? undefined : `${id}=${alt}` }))} />
        {target && <p className="muted small" data-testid="switch-case" lang="zh-CN">{t.switchCase}{target.name}</p>}
      </aside>
    </div>
  );
}
