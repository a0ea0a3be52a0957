// Replays as jobs, off the request path: each runs in a worker thread (replay-worker.ts) while
// this thread only reads the stored records a page at a time and hands them over, so the
// server keeps answering (the studio, the counter's stores) during a replay of tens of
// thousands of records. One replay at a time: a newer one supersedes the one running (the
// studio asks again after each change to a draft); one can be cancelled; its progress is read.
import { startWorker } from '../core/start-worker.js';
import type { Register } from '../register/register.js';
import { keySecrets } from '../register/register-key.js';
import type { ReplaySummary } from '../register/replay.js';
import type { FromWorker, ReplaySetup, ToWorker } from './replay-worker.js';

/** Records handed to the worker at a time: small, so reading a page never holds this thread long. */
const PAGE = 50;

export type JobState = 'running' | 'done' | 'failed' | 'cancelled' | 'superseded';

export interface JobProgress { id: number; state: JobState; done: number; total: number }

/** Why a replay gave no summary: superseded by a newer one, cancelled, or rules that cannot be built. */
export class ReplayStopped extends Error {
  constructor(readonly state: 'cancelled' | 'superseded' | 'failed', message: string, readonly rules = false) {
    super(message);
    this.name = 'ReplayStopped';
  }
}

export class ReplayJob {
  state: JobState = 'running';
  done = 0;
  total = 0;
  readonly result: Promise<ReplaySummary>;
  private stop?: (reason: ReplayStopped) => void;

  constructor(readonly id: number, register: Register, rules: Pick<ReplaySetup, 'regulation' | 'files' | 'today'>) {
    this.result = this.run(register, { ...rules, keys: keySecrets(register.keys) });
    this.result.catch(() => undefined);
  }

  get progress(): JobProgress {
    return { id: this.id, state: this.state, done: this.done, total: this.total };
  }

  /** Stops the replay (its worker ended); its result rejects with ReplayStopped. */
  cancel(state: 'cancelled' | 'superseded' = 'cancelled'): void {
    if (this.state !== 'running') return;
    this.stop?.(new ReplayStopped(state, state === 'superseded' ? '这次重放已被更新的一次取代' : '重放已取消'));
  }

  private async run(register: Register, setup: ReplaySetup): Promise<ReplaySummary> {
    this.total = await register.count();
    const worker = startWorker('replay-worker', import.meta.url, setup);
    const messages: FromWorker[] = [];
    let wake: (() => void) | undefined;
    let stopped: ReplayStopped | undefined;
    const next = async (): Promise<FromWorker> => {
      for (;;) {
        if (stopped) throw stopped;
        const m = messages.shift();
        if (m) return m;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    };
    const poke = () => wake?.();
    this.stop = (reason) => {
      stopped ??= reason;
      poke();
    };
    worker.on('message', (m: FromWorker) => {
      messages.push(m);
      poke();
    });
    worker.on('error', (e) => this.stop!(new ReplayStopped('failed', `重放出错：${e.message.split('\n')[0]}`)));
    worker.on('exit', () => this.stop!(new ReplayStopped('failed', '重放的工作线程意外结束')));
    try {
      const first = await next();
      if (first.type === 'error') throw new ReplayStopped('failed', first.message, first.rules);
      let after = 0;
      for (;;) {
        const page = await register.sealedPage(after, PAGE);
        if (stopped) throw stopped;
        if (!page.length) break;
        after = page[page.length - 1]!.entry.id;
        worker.postMessage({ type: 'page', records: page } satisfies ToWorker);
        const answer = await next();
        if (answer.type === 'error') throw new ReplayStopped('failed', answer.message);
        if (answer.type === 'page-done') this.done = answer.done;
        if (page.length < PAGE) break;
      }
      worker.postMessage({ type: 'end' } satisfies ToWorker);
      const end = await next();
      if (end.type !== 'done') throw new ReplayStopped('failed', '重放没有得出结果');
      this.state = 'done';
      this.done = end.summary.total;
      this.total = Math.max(this.total, end.summary.total);
      return end.summary;
    } catch (e) {
      this.state = e instanceof ReplayStopped ? e.state : 'failed';
      throw e;
    } finally {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }
}

/** The server's replays: one at a time, the newest winning. */
export class ReplayJobs {
  private last?: ReplayJob;
  private count = 0;

  /** Starts a replay; the one running, if any, is superseded. */
  start(register: Register, rules: Pick<ReplaySetup, 'regulation' | 'files' | 'today'>): ReplayJob {
    this.last?.cancel('superseded');
    this.last = new ReplayJob(++this.count, register, rules);
    return this.last;
  }

  /** Cancels the replay running; whether there was one. */
  cancel(): boolean {
    const running = this.last?.state === 'running';
    this.last?.cancel('cancelled');
    return running;
  }

  progress(): JobProgress | undefined {
    return this.last?.progress;
  }

  /** Ends the replay running (the server stops). */
  async close(): Promise<void> {
    this.last?.cancel('cancelled');
    await this.last?.result.catch(() => undefined);
  }
}
