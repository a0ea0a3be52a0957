// A worker thread of `decide --jsonl` (decide-lines.ts): given the regulation the command
// loaded, the readings and the engine chosen, it decides the runs of lines it is sent and
// sends back their answers. Only the built command starts these (engine/dist/decide-worker.js).
import { parentPort, workerData } from 'node:worker_threads';
import type { EngineChoice } from '../explain/decider.js';
import { projectDecider, type LoadedInstruments } from '../project/instruments/load-instruments.js';
import type { Regulation } from '../model/model.js';
import type { Readings } from '../model/readings.js';
import { decideBatch } from './decide-batch.js';
import { usePreparedBuild, type PreparedBuild } from './prepared-build.js';
import { AnswerBuffers } from './answer-buffers.js';

/** What the command gives each worker when starting it. */
export interface WorkerSetup {
  regulation: Regulation;
  readings?: Readings;
  engine?: EngineChoice;
  trace: boolean;
  build: PreparedBuild;
  /** the project's instruments, when it declares them (each case decided under the one in force) */
  instruments?: LoadedInstruments;
}

/** A run of lines to decide, or a buffer of answers written out, given back for the next run; and a run's answers, as UTF-8. */
export type WorkerJob = { id: number; lines: string[]; first: number } | { reuse: ArrayBuffer };
export interface WorkerAnswer { id: number; bytes: Uint8Array; failed: boolean }

if (parentPort) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  await usePreparedBuild(setup.build);
  const decider = projectDecider(setup.regulation, setup.instruments ?? { superiors: new Map(), successors: new Map(), problems: [], fileProblems: [], unavailable: new Map(), warnings: [] }, { readings: setup.readings, engine: setup.engine });
  const buffers = new AnswerBuffers();
  port.on('message', (job: WorkerJob) => {
    if ('reuse' in job) return buffers.release(job.reuse);
    void decideBatch(decider, job.lines, job.first, setup.trace, buffers).then(({ bytes, failed }) => {
      const answer: WorkerAnswer = { id: job.id, bytes, failed };
      port.postMessage(answer, [answer.bytes.buffer as ArrayBuffer]);
    });
  });
}
