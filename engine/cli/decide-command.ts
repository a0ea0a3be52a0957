// `tiaoli decide FILE` and `tiaoli decide --jsonl`.
import { once } from 'node:events';
import { Decider, type DecisionDocument } from '../explain/decider.js';
import { checkCase } from '../model/case/validate-case.js';
import { loadOrReport, type ProjectOptions } from './rules-dir.js';
import { parseJsonLine, readCaseFile } from './read-input.js';
import { parseReadings } from './reading-option.js';
import type { RecordOptions } from './register-command.js';
import { parseEngine } from './engine-option.js';

export interface DecideOptions extends ProjectOptions, RecordOptions { jsonl?: boolean; brief?: boolean; reading?: string[]; engine?: string }

export async function decideCommand(file: string | undefined, options: DecideOptions): Promise<number> {
  const regulation = loadOrReport(options);
  if (!regulation) return 2;
  const chosen = parseReadings(regulation, options.reading);
  if (chosen.problem) {
    process.stderr.write(`${chosen.problem}\n`);
    return 1;
  }
  // the register (and its database drivers) is loaded only to record
  const register = options.record ? await import('./register-command.js') : undefined;
  const refusal = register?.recordRefusal(options);
  if (refusal) {
    process.stderr.write(`${refusal}\n`);
    return 1;
  }
  const engine = parseEngine(options.engine);
  if (engine.problem) {
    process.stderr.write(`${engine.problem}\n`);
    return 1;
  }
  const decider = new Decider(regulation, { readings: chosen.readings, engine: engine.engine });
  if (options.jsonl) return decideLines(decider, options);
  if (!file) {
    process.stderr.write('请给出案件文件：tiaoli decide case.yaml，或用 --jsonl 从标准输入逐行读取\n');
    return 1;
  }
  const input = readCaseFile(regulation, file);
  if (!input) return 1;
  try {
    const doc = await decider.decide(input, { trace: !options.brief || options.record });
    process.stdout.write(`${JSON.stringify(options.brief ? withoutTrace(doc) : doc, null, 2)}\n`);
    return register ? await register.recordDecision(decider.base, input, doc, options) : 0;
  } catch (e) {
    process.stderr.write(`${file}: ${(e as Error).message}\n`);
    return 1;
  }
}

/** The document as printed: without `because` when --brief (the register keeps the trace). */
function withoutTrace(doc: DecisionDocument): DecisionDocument {
  return { ...doc, decisions: Object.fromEntries(Object.entries(doc.decisions).map(([k, { because: _b, ...d }]) => [k, d])) } as DecisionDocument;
}

/** Answers waiting to be written: written together once this much has gathered, and whenever input pauses. */
const BATCH = 1 << 16;

/**
 * `decide --jsonl`: stdin read in chunks and cut into lines, each decided and its answer
 * gathered; the answers are written in batches (once 64 KB have gathered, and after each chunk
 * of input, so a caller feeding one line at a time gets its answer), waiting when stdout is full.
 */
async function decideLines(decider: Decider, options: DecideOptions): Promise<number> {
  const trace = !options.brief;
  let status = 0;
  let n = 0;
  let out = '';
  const flush = async (): Promise<void> => {
    if (!out) return;
    const batch = out;
    out = '';
    if (!process.stdout.write(batch)) await once(process.stdout, 'drain');
  };
  const decideLine = async (text: string): Promise<void> => {
    n += 1;
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (!line.trim()) return;
    let answer: unknown;
    try {
      const checked = checkCase(decider.regulation, parseJsonLine(line));
      answer = checked.case
        ? await decider.decide(checked.case, { trace })
        : { error: `第 ${n} 行：${checked.problems.map((p) => p.message).join('；')}` };
    } catch (e) {
      answer = { error: `第 ${n} 行：${e instanceof SyntaxError ? `不是有效的 JSON：${e.message}` : (e as Error).message}` };
    }
    if ((answer as { error?: string }).error) status = 1;
    out += `${JSON.stringify(answer)}\n`;
    if (out.length >= BATCH) await flush();
  };
  process.stdin.setEncoding('utf8');
  let rest = '';
  for await (const chunk of process.stdin as AsyncIterable<string>) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const line of lines) await decideLine(line);
    await flush();
  }
  if (rest) await decideLine(rest);
  await flush();
  return status;
}
