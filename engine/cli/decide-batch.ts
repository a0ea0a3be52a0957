// A run of `decide --jsonl` lines decided one after another, the answers as the lines to
// write: the same on the main thread and in a worker thread (decide-worker.ts).
import type { Decider } from '../explain/decider.js';
import { checkCase } from '../model/case/validate-case.js';
import { parseJsonLine } from './read-input.js';
import { overlongMessage } from './jsonl-lines.js';
import type { AnswerBuffers } from './answer-buffers.js';

/** A JSON escape that could stand for a hidden character. */
const JSON_ESCAPE = /\\[ubf]/;

export interface BatchAnswers {
  /** one JSON document (or `{"error": …}`) per line that was not blank, each followed by \n, as UTF-8 */
  bytes: Uint8Array;
  /** whether a line was bad (the command then exits 1) */
  failed: boolean;
}

/** `lines` as read (a \r before the \n is dropped here), the first being line number `first` of the input. */
export async function decideBatch(decider: Decider, lines: readonly string[], first: number, trace: boolean, buffers: AnswerBuffers): Promise<BatchAnswers> {
  const answers = buffers.begin();
  let failed = false;
  for (let i = 0; i < lines.length; i += 1) {
    const read = lines[i];
    const line = read.endsWith('\r') ? read.slice(0, -1) : read;
    if (!line.trim()) continue;
    const n = first + i;
    let answer: string;
    const overlong = overlongMessage(line);
    if (overlong !== undefined) {
      answers.add(JSON.stringify({ error: `第 ${n} 行：${overlong}` }));
      failed = true;
      continue;
    }
    try {
      // parseJsonLine refuses a hidden character in the line's text; only an escape (\u202e, \b, \f) can make one in its data
      const checked = checkCase(decider.regulation, parseJsonLine(line), undefined, !JSON_ESCAPE.test(line));
      if (checked.case) {
        answer = await decider.decideText(checked.case, { trace });
      } else {
        answer = JSON.stringify({ error: `第 ${n} 行：${checked.problems.map((p) => p.message).join('；')}` });
        failed = true;
      }
    } catch (e) {
      answer = JSON.stringify({ error: `第 ${n} 行：${e instanceof SyntaxError ? `不是有效的 JSON：${e.message}` : (e as Error).message}` });
      failed = true;
    }
    answers.add(answer);
  }
  return { bytes: answers.finish(), failed };
}
