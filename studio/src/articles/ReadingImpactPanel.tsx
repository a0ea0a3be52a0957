// "What depends on this reading": for each interpretation with executable alternatives, each
// alternative and the fixtures whose decision changes under it. Worked out on request (every
// fixture once per alternative); switching the default is an ordinary edit of the
// interpretation's `default:` (设为默认理解 in the interpretation's panel, or the rule editor).
import { useEffect, useState } from 'react';
import { readingImpact, type ReadingImpact } from '../../../engine/project/fixtures/reading-impact.js';
import type { Model } from '../shared/model.js';
import { useMessages } from '../shared/i18n.js';
import { Law } from '../shared/law-text.js';
import { href } from '../shared/router.js';

export function ReadingImpactPanel({ model }: { model: Model }) {
  const t = useMessages();
  const [impact, setImpact] = useState<ReadingImpact[] | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setImpact(undefined), [model]);
  const regulation = model.regulation;
  const decider = model.decider;
  if (!regulation || !decider) return null;
  const withAlternatives = Object.values(regulation.interpretations).filter((i) => i.alternatives.some((a) => a.id !== undefined));
  if (!withAlternatives.length) return null;
  const run = async () => {
    setBusy(true);
    const fixtures = Object.entries(model.files).filter(([p]) => p.startsWith('test/cases/') && /\.ya?ml$/.test(p)).map(([name, text]) => ({ name, text }));
    try {
      setImpact(await readingImpact(decider, fixtures));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="reading-impact" data-testid="reading-impact">
      <h2 className="chapter">{t.readingImpact}</h2>
      {withAlternatives.map((i) => (
        <div key={i.id} className="article" data-testid={`reading-${i.id}`}>
          <h3><a href={href('articles', { interpretation: i.id })} lang="zh-CN">{i.title}</a> <code>{i.id}</code></h3>
          <ul>
            {i.alternatives.filter((a) => a.id !== undefined).map((a) => {
              const row = impact?.find((x) => x.interpretation === i.id && x.alternative === a.id);
              return (
                <li key={a.id} data-testid={`reading-${i.id}-${a.id}`}>
                  <b>{a.id}</b>{a.id === (i.default ?? i.alternatives.find((x) => x.id)?.id) ? ` (${t.readingDefault})` : ''}{t.colon}<Law>{a.reading}</Law>
                  {row && (
                    <div className="small">
                      {t.readingChanges}{row.changed.length}
                      {row.changed.map((c) => <a key={c.file} className="chip fixture" title={c.fields.join(', ')} href={href('trace', { fixture: c.file })}>{c.file.split('/').pop()!.replace(/\.ya?ml$/, '')}</a>)}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
      {!impact && <button type="button" data-testid="reading-impact-run" disabled={busy} onClick={() => void run()}>{busy ? t.computing : t.readingImpactRun}</button>}
    </section>
  );
}
