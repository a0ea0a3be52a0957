// "What depends on this reading": for each interpretation with executable alternatives, each
// alternative and the fixtures whose decision changes under it. Worked out on request (every
// fixture once per alternative) in a worker of its own, with progress and 取消: the page keeps
// answering meanwhile, and a change of the rules ends the run (its answer would be stale); switching the default is an ordinary edit of the
// interpretation's `default:` (设为默认理解 in the interpretation's panel, or the rule editor).
import { useEffect, useRef, useState } from 'react';
import * as Comlink from 'comlink';
import type { ReadingImpact } from '../../../engine/project/fixtures/reading-impact.js';
import { decides, superiorFiles, today, type Model } from '../shared/model.js';
import { fill, useMessages } from '../shared/i18n.js';
import { Law } from '../shared/law-text.js';
import { href } from '../shared/router.js';

/** The same texts under the same paths (a model rebuilt for the fixtures' results keeps its files). */
function sameFiles(a: Record<string, string>, b: Record<string, string>): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

export function ReadingImpactPanel({ model }: { model: Model }) {
  const t = useMessages();
  const [impact, setImpact] = useState<ReadingImpact[] | undefined>();
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  const [note, setNote] = useState<string | null>(null);
  const worker = useRef<Worker | undefined>(undefined);
  // the files the answer (or the run) is for: a model with other files makes it stale
  const forFiles = useRef<Record<string, string> | undefined>(undefined);
  const stop = () => {
    worker.current?.terminate();
    worker.current = undefined;
    setProgress(undefined);
  };
  useEffect(() => () => stop(), []); // the page closed: the run ends
  useEffect(() => {
    if (!forFiles.current || sameFiles(forFiles.current, model.files)) return;
    forFiles.current = undefined;
    setImpact(undefined);
    if (worker.current) {
      stop();
      setNote(t.readingImpactStale);
    }
  }, [model.files, t.readingImpactStale]);
  const regulation = model.regulation;
  if (!regulation || !decides(model)) return null;
  const withAlternatives = Object.values(regulation.interpretations).filter((i) => i.alternatives.some((a) => a.id !== undefined));
  if (!withAlternatives.length) return null;
  const run = async () => {
    stop();
    setNote(null);
    setProgress({ done: 0, total: 0 });
    forFiles.current = model.files;
    const w = new Worker(new URL('./reading-impact-worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    try {
      const api = Comlink.wrap<import('./reading-impact-worker.js').ReadingImpactApi>(w);
      const result = await api.run(model.files, today(), await superiorFiles(), Comlink.proxy((done: number, total: number) => { if (worker.current === w) setProgress({ done, total }); }));
      if (worker.current === w) setImpact(result);
    } catch (e) {
      if (worker.current === w) setNote((e as Error).message);
    } finally {
      if (worker.current === w) stop();
    }
  };
  const cancel = () => {
    stop();
    setNote(t.readingImpactCancelled);
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
      {!impact && !progress && <button type="button" data-testid="reading-impact-run" onClick={() => void run()}>{t.readingImpactRun}</button>}
      {progress && (
        <div className="reading-impact-progress" role="status" data-testid="reading-impact-progress">
          <progress max={progress.total || 1} value={progress.done} aria-label={t.readingImpactRun} />{' '}
          {progress.total ? fill(t.readingImpactProgress, progress) : t.readingImpactStarting}{' '}
          <button type="button" data-testid="reading-impact-cancel" onClick={cancel}>{t.cancel}</button>
        </div>
      )}
      {note && <p className="muted" role="status" data-testid="reading-impact-note">{note}</p>}
    </section>
  );
}
