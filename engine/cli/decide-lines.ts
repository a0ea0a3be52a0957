// `decide --jsonl`: stdin read in chunks (1 MB from a file) and cut into lines (at most 1 MiB
// each: jsonl-lines.ts); runs of up to 512 lines decided one after another (decide-batch.ts),
// each run's answers encoded once into a reused buffer (answer-buffers.ts) and written in input
// order as soon as the runs before it are (so a caller feeding one line at a time gets its
// answer), waiting when stdout is full.
//
// A long input (more than WORKERS_AFTER lines) is shared with worker threads, one per
// further idle core (decide-worker.ts; TIAOLI_THREADS=N sets how many, 0 none): each is given the
// regulation already loaded, so every line is decided under the same rules; the answers are
// the same, in the same order. A worker that fails has its lines put back for the others.
import { once } from 'node:events';
import { createReadStream, fstatSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Decider, EngineChoice } from '../explain/decider.js';
import type { Readings } from '../model/readings.js';
import { decideBatch, type BatchAnswers } from './decide-batch.js';
import { LineCutter } from './jsonl-lines.js';
import type { WorkerAnswer, WorkerJob, WorkerSetup } from './decide-worker.js';
import { AnswerBuffers } from './answer-buffers.js';
import type { LoadedInstruments } from '../project/instruments/load-instruments.js';
import { preparedBuild } from './prepared-build.js';

/** Standard input read from a file this much at a time. */
const FILE_CHUNK = 1 << 20;
/** Lines decided as one run (on this thread or a worker). */
const RUN_LINES = 512;
/** Runs of lines read ahead of the answers written: reading waits beyond this. */
const READ_AHEAD = 32;
/** Lines after which worker threads are started (below, starting them costs more than they save). */
const WORKERS_AFTER = 2000;
/** A file on stdin this long (some 2,000 cases of half a kilobyte) has the workers start at once. */
const WORKERS_FOR_FILE = 1 << 20;
/** Runs of lines waiting in one worker before the main thread decides the next run itself. */
const WORKER_QUEUE = 3;

/** A run's answers as bytes, and how to give their buffer back once written. */
interface RunAnswers { bytes: Uint8Array; failed: boolean; release: () => void }

interface Run {
  lines: string[];
  first: number;
  answers?: RunAnswers;
  done: Promise<void>;
}

/** How the lines are decided: what `decider` was made with (for the workers), with the trace or not. */
export interface LinesSetup { readings?: Readings; engine?: EngineChoice; trace: boolean; instruments?: LoadedInstruments }

export async function decideLines(decider: Decider, setup: LinesSetup): Promise<number> {
  const pool = new WorkerPool(decider, setup);
  let status = 0;
  let n = 0;
  const runs: Run[] = [];
  let writing = Promise.resolve();
  // the answers of the finished runs at the head, in order, each run's bytes in one write; a buffer goes back to its pool once written
  const writeReady = (): Promise<void> => {
    writing = writing.then(async () => {
      while (runs.length && runs[0].answers) {
        const { bytes, failed, release } = runs.shift()!.answers!;
        if (failed) status = 1;
        if (!bytes.length) {
          release();
          continue;
        }
        if (!process.stdout.write(bytes, release)) await once(process.stdout, 'drain');
      }
    });
    return writing;
  };
  const submit = (lines: string[]): void => {
    const run: Run = { lines, first: n + 1, done: Promise.resolve() };
    n += lines.length;
    runs.push(run);
    run.done = pool.decide(lines, run.first, n).then((answers) => { run.answers = answers; }).then(writeReady);
  };
  try {
    const cutter = new LineCutter();
    const { chunks, size } = input();
    // a long file: the workers start (and warm up) while the first lines are decided here
    if (size !== undefined && size > WORKERS_FOR_FILE) pool.startWorkers();
    for await (const chunk of chunks) {
      const lines = cutter.push(chunk as string);
      for (let i = 0; i < lines.length; i += RUN_LINES) submit(lines.slice(i, i + RUN_LINES));
      while (runs.length > READ_AHEAD) await runs[0].done;
    }
    const last = cutter.end();
    if (last.length) submit(last);
    await Promise.all(runs.map((r) => r.done));
    await writeReady();
  } finally {
    await pool.close();
  }
  return status;
}

/** Standard input as text, in chunks: a file in large ones, a pipe or terminal as its data comes. */
function input(): { chunks: AsyncIterable<string>; size?: number } {
  let size: number | undefined;
  try {
    const stat = fstatSync(0);
    if (stat.isFile()) size = stat.size;
  } catch {
    // no standard input to ask about: read it as a stream
  }
  const stream = size === undefined ? process.stdin : createReadStream('', { fd: 0, highWaterMark: FILE_CHUNK, autoClose: false });
  stream.setEncoding('utf8');
  return { chunks: stream as AsyncIterable<string>, size };
}

interface Job { lines: string[]; first: number; resolve: (a: RunAnswers) => void }

interface PoolWorker {
  worker: Worker;
  waiting: Map<number, Job>;
}

/**
 * The main thread and, for a long input, worker threads, deciding runs of lines. Runs wait in
 * one queue: each worker is kept WORKER_QUEUE runs ahead, and the main thread takes the next
 * run itself one at a time, returning to the event loop between runs, so that a worker's
 * answer is taken (and the worker given more) as soon as it comes, not after the main
 * thread has worked through every run it could have taken.
 */
class WorkerPool {
  private workers: PoolWorker[] | undefined;
  private next = 0;
  private readonly queue: Job[] = [];
  private mainBusy = false;
  /** the main thread's own answer buffers */
  private readonly buffers = new AnswerBuffers();

  private readonly trace: boolean;

  constructor(private readonly decider: Decider, private readonly setup: LinesSetup) {
    this.trace = setup.trace;
  }

  /** Decides the run here or in a worker; `seen` is how many lines have been read so far. */
  decide(lines: string[], first: number, seen: number): Promise<RunAnswers> {
    if (seen > WORKERS_AFTER) this.startWorkers();
    return new Promise((resolve) => {
      this.queue.push({ lines, first, resolve });
      this.dispatch();
    });
  }

  /** Workers topped up first; the main thread, when idle, takes the next run at the next turn of the event loop. */
  private dispatch(): void {
    for (const w of this.workers ?? []) {
      while (w.waiting.size < WORKER_QUEUE && this.queue.length) {
        const job = this.queue.shift()!;
        const id = this.next++;
        w.waiting.set(id, job);
        const message: WorkerJob = { id, lines: job.lines, first: job.first };
        w.worker.postMessage(message);
      }
    }
    if (this.queue.length && !this.mainBusy) {
      this.mainBusy = true;
      setImmediate(() => void this.decideHere());
    }
  }

  private async decideHere(): Promise<void> {
    const job = this.queue.shift();
    if (job) {
      const { bytes, failed }: BatchAnswers = await decideBatch(this.decider, job.lines, job.first, this.trace, this.buffers);
      job.resolve({ bytes, failed, release: () => this.buffers.release(bytes.buffer as ArrayBuffer) });
    }
    this.mainBusy = false;
    this.dispatch();
  }

  startWorkers(): void {
    this.workers ??= this.start();
  }

  private start(): PoolWorker[] {
    const file = fileURLToPath(import.meta.url);
    // only the build: the sources (tsx) would have each worker compile the TypeScript again
    if (extname(file) !== '.js') return [];
    const count = workerCount();
    if (!count) return [];
    const setup: WorkerSetup = {
      regulation: this.decider.base, readings: this.setup.readings, engine: this.setup.engine, trace: this.trace, build: preparedBuild(),
      ...(this.setup.instruments ? { instruments: this.setup.instruments } : {}),
    };
    const started: PoolWorker[] = [];
    for (let i = 0; i < count; i += 1) {
      let worker: Worker;
      try {
        worker = new Worker(new URL('./decide-worker.js', import.meta.url), { workerData: setup });
      } catch {
        break; // the regulation cannot be sent (or no worker can start): decide here
      }
      const entry: PoolWorker = { worker, waiting: new Map() };
      worker.on('message', (answer: WorkerAnswer) => {
        const job = entry.waiting.get(answer.id);
        entry.waiting.delete(answer.id);
        // the buffer goes back to the worker once written (a worker ended meanwhile lets it go)
        const release = (): void => {
          if (!started.includes(entry)) return;
          const reuse: WorkerJob = { reuse: answer.bytes.buffer as ArrayBuffer };
          worker.postMessage(reuse, [reuse.reuse]);
        };
        job?.resolve({ bytes: answer.bytes, failed: answer.failed, release });
        this.dispatch();
      });
      const fail = (): void => {
        // its lines go back to the head of the queue, in order, and it is sent no more
        const index = started.indexOf(entry);
        if (index >= 0) started.splice(index, 1);
        const left = [...entry.waiting.values()];
        entry.waiting.clear();
        this.queue.unshift(...left);
        this.dispatch();
      };
      worker.on('error', fail);
      worker.on('exit', fail);
      started.push(entry);
    }
    return started;
  }

  async close(): Promise<void> {
    await Promise.all((this.workers ?? []).map((w) => w.worker.terminate()));
  }
}

/**
 * Worker threads for a long input: TIAOLI_THREADS when given, else one per further core that
 * is idle now, at most 3. On a machine whose cores are all busy a worker only competes with
 * the command itself (docs/cli.md). "Now" is the number of threads running at this moment
 * (/proc/loadavg), not the 1-minute load average, which still counts this command's own
 * minute of work and so kept a worker from starting on an idle machine.
 */
function workerCount(): number {
  const asked = process.env.TIAOLI_THREADS;
  if (asked !== undefined && /^\d+$/.test(asked.trim())) return Math.min(Number(asked), 16);
  const cores = availableParallelism();
  const others = runningElsewhere() ?? Math.max(0, loadavg()[0] - 1);
  return Math.max(0, Math.min(cores - 1, Math.floor(cores - 1 - others), 3));
}

/** Threads running or ready to run at this moment, besides this one (Linux); undefined elsewhere. */
function runningElsewhere(): number | undefined {
  try {
    const running = Number(/^\S+ \S+ \S+ (\d+)\//.exec(readFileSync('/proc/loadavg', 'utf8'))?.[1]);
    return Number.isFinite(running) ? Math.max(0, running - 1) : undefined;
  } catch {
    return undefined;
  }
}
