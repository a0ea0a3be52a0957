// The answers of the impact workers, each over its share of the cases, as one answer over
// the whole set: counts added, a few example cases kept (the lowest numbers first), the
// largest changes first. Plain functions, no worker, so they are tested directly.
import type { ImpactAnswer, ImpactResult, Progress, Transition } from './impact-types.js';

const EXAMPLES = 5;

export function mergeImpact(answers: ImpactAnswer[]): ImpactAnswer {
  const failed = answers.find((a) => a.kind === 'error');
  if (failed) return failed;
  if (answers.some((a) => a.kind === 'cancelled')) return { kind: 'cancelled' };
  const done = answers as ImpactResult[];
  const transitions = new Map<string, Transition>();
  for (const answer of done) {
    for (const t of answer.transitions) {
      const key = `${t.decision}.${t.field}\0${t.before}\0${t.after}`;
      const seen = transitions.get(key);
      if (!seen) transitions.set(key, { ...t, examples: [...t.examples] });
      else {
        seen.count += t.count;
        seen.examples.push(...t.examples);
      }
    }
  }
  for (const t of transitions.values()) t.examples = t.examples.sort((a, b) => a - b).slice(0, EXAMPLES);
  return {
    kind: 'done',
    source: done[0]?.source ?? '',
    size: done.reduce((n, a) => n + a.size, 0),
    changedCases: done.reduce((n, a) => n + a.changedCases, 0),
    ...datesOf(done),
    transitions: [...transitions.values()].sort((a, b) => b.count - a.count || a.decision.localeCompare(b.decision) || a.field.localeCompare(b.field)),
    ms: Math.max(0, ...done.map((a) => a.ms)),
    decideMs: Math.max(0, ...done.map((a) => a.decideMs)),
    savedMs: Math.max(0, ...done.map((a) => a.savedMs)),
    workers: done.length,
  };
}

/** The progress of all workers as one, over `total` cases: while any is still on the saved rules, that phase. */
export function mergeProgress(each: Array<Progress | undefined>, total: number): Progress | undefined {
  const known = each.filter((p): p is Progress => p !== undefined);
  if (!known.length) return undefined;
  const phase = known.some((p) => p.phase === 'saved') ? 'saved' : known[0].phase;
  // a worker that moved on to the working copy has done all of its saved share
  const done = known.reduce((n, p) => n + (p.phase === phase ? p.done : p.total), 0);
  return { done: Math.min(done, total), total, phase };
}

/** The decision dates of the shares as one (first and last), and what the change concerns (the same in every share). */
function datesOf(done: ImpactResult[]): Pick<ImpactResult, 'dates' | 'concerned' | 'declared' | 'span' | 'widened'> {
  const dated = done.flatMap((a) => (a.dates ? [a.dates] : []));
  const first = done.find((a) => a.concerned);
  return {
    ...(dated.length ? { dates: { from: dated.map((d) => d.from).sort()[0], to: dated.map((d) => d.to).sort().at(-1)! } } : {}),
    ...(first?.concerned ? { concerned: first.concerned } : {}),
    ...(first?.declared ? { declared: first.declared } : {}),
    ...(first?.span ? { span: first.span } : {}),
    ...(done.some((a) => a.widened) ? { widened: true } : {}),
  };
}
