// A replay's worker thread (replay-jobs.ts): it builds the rules it is given (the regulation on
// disk, or the studio's working copy of the files, checked here and not on the server's
// thread), then decides again each stored case it is sent, a page at a time, decrypting each
// with the register's keys, and sends back its progress and the summary. The server's thread
// only reads the pages from the database: it keeps answering while thousands are decided.
import { parentPort, workerData } from 'node:worker_threads';
import { Decider } from '../explain/decider.js';
import type { CaseInput } from '../model/case/case-input.js';
import type { Regulation } from '../model/model.js';
import type { DecisionDocument } from '../explain/decider.js';
import { keysFromSecrets } from '../register/register-key.js';
import type { SealedRecord } from '../register/register.js';
import { ReplayTally } from '../register/replay.js';
import { unseal } from '../register/sealing.js';
import { checkProjectSafely } from './safe-check.js';
import { yieldToServer } from './background-thread.js';

export interface ReplaySetup {
  /** the rules: a built regulation, or the project's files (path → text) to check here */
  regulation?: Regulation;
  files?: Array<[string, string]>;
  today: string;
  keys: { current: string; all: string[] };
}

export type ToWorker = { type: 'page'; records: SealedRecord[] } | { type: 'end' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'page-done'; done: number }
  | { type: 'done'; summary: ReturnType<ReplayTally['summary']> }
  | { type: 'error'; message: string; rules?: boolean };

function rulesOf(setup: ReplaySetup): Decider | undefined {
  if (setup.regulation) return new Decider(setup.regulation);
  const check = checkProjectSafely(new Map(setup.files ?? []), setup.today);
  try {
    return check.regulation ? new Decider(check.regulation) : undefined;
  } catch {
    return undefined;
  }
}

if (parentPort) {
  const port = parentPort;
  const setup = workerData as ReplaySetup;
  yieldToServer(); // the server's thread first: it answers the counters while this decides
  const keys = keysFromSecrets(setup.keys);
  let tally: ReplayTally | undefined;
  try {
    const decider = rulesOf(setup);
    if (decider) {
      tally = new ReplayTally(decider);
      port.postMessage({ type: 'ready' } satisfies FromWorker);
    } else {
      port.postMessage({ type: 'error', message: '规则有错误，不能重新决定台账中的案件', rules: true } satisfies FromWorker);
    }
  } catch (e) {
    port.postMessage({ type: 'error', message: (e as Error).message.split('\n')[0] ?? '' } satisfies FromWorker);
  }
  let queue = Promise.resolve();
  port.on('message', (message: ToWorker) => {
    queue = queue.then(async () => {
      if (!tally) return;
      if (message.type === 'end') {
        port.postMessage({ type: 'done', summary: tally.summary() } satisfies FromWorker);
        return;
      }
      for (const r of message.records) {
        let input: CaseInput;
        let decisions: DecisionDocument['decisions'];
        try {
          input = unseal<CaseInput>(keys, r.keyId, 'case', r.sealedCase);
          decisions = unseal<DecisionDocument['decisions']>(keys, r.keyId, 'decisions', r.sealedDecisions);
        } catch (e) {
          tally.unreadable(r.entry, (e as Error).message);
          continue;
        }
        await tally.add({ ...r.entry, case: input, decisions });
      }
      port.postMessage({ type: 'page-done', done: tally.total } satisfies FromWorker);
    });
  });
}
