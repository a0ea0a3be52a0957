// Beside the fixtures in the impact panel: the past decisions in the register that the unsaved
// changes would alter. The server decides every stored case again under the working copy
// (the drafts) and answers with counts per field and value, and which records.
import { useEffect, useState } from 'react';
import { useProject } from '../shared/project-store.js';
import { fill, useMessages } from '../shared/i18n.js';
import { DataText } from '../shared/law-text.js';
import { href } from '../shared/router.js';
import { labelOf } from '../../../engine/explain/describe-value.js';
import { factLabel } from '../../../engine/explain/explain-decision.js';
import { RegisterCallError, replayRegister, type ReplaySummary } from './register-api.js';
import './register.css';

export function PastDecisionsImpact() {
  const project = useProject();
  const t = useMessages();
  const [summary, setSummary] = useState<ReplaySummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const changes = Object.fromEntries(Object.entries(project.drafts).map(([path, d]) => [path, d.text]));
  const key = JSON.stringify(changes);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      // a replay superseded by a newer one (another draft change, another studio) is not an error: the newer one answers
      replayRegister(changes).then((s) => live && (setSummary(s), setError(null)), (e: RegisterCallError) => live && !e.superseded && (setSummary(null), setError(e.message)));
    }, 600);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  const regulation = project.workingModel?.regulation ?? project.savedModel?.regulation;
  const vocabulary = regulation?.vocabulary;
  // in Chinese, the field's label beside its code (居住证申领：受理结果), as `tiaoli register replay` writes it
  const fieldLabel = (field: string): string => (regulation && t.locale === 'zh-CN' ? ` ${factLabel(regulation, `decisions.${field}`)}` : '');
  const show = (v: unknown) => (v === undefined ? t.none : <DataText text={vocabulary ? labelOf(v, vocabulary) : JSON.stringify(v)} />);
  const byNumber = new Map(summary?.records.map((r) => [r.documentNumber, r]) ?? []);
  if (summary?.total === 0) return null; // nothing stored yet: nothing to compare
  return (
    <div className="past-decisions" data-testid="past-decisions">
      <h4>{t.registerPast}{summary ? fill(t.count, { n: summary.changed }) : ''}</h4>
      {error && <p className="muted small">{error}</p>}
      {summary && <p className="muted">{summary.total} {t.registerPastOf}{summary.changed} {t.registerPastChange}</p>}
      {summary && summary.changed === 0 && <p className="muted">{t.registerPastNone}</p>}
      {summary?.fields.map((f) => (
        <div key={f.field} className="change-group">
          <h5><code>{f.field}</code>{fieldLabel(f.field)}{fill(t.count, { n: f.count })}</h5>
          <ul>
            {f.pairs.map((p) => (
              <li key={`${JSON.stringify(p.before)}→${JSON.stringify(p.after)}`}>
                <span className="before">{show(p.before)}</span> → <span className="after">{show(p.after)}</span>{t.colon}{p.count}
                <div className="small">
                  {p.records.map((n) => {
                    const r = byNumber.get(n);
                    return <a key={n} href={href('register', { id: String(r?.id ?? '') })} title={r?.personName ?? ''}>{n} </a>;
                  })}
                </div>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
