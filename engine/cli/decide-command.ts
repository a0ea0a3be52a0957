// `tiaoli decide FILE` and `tiaoli decide --jsonl`.
import { createInterface } from 'node:readline';
import { Decider } from '../explain/decider.js';
import { checkCase } from '../model/case/validate-case.js';
import { loadOrReport, type ProjectOptions } from './rules-dir.js';
import { parseJsonLine, readCaseFile } from './read-input.js';
import { parseReadings } from './reading-option.js';
import { parseEngine } from './engine-option.js';

export interface DecideOptions extends ProjectOptions { jsonl?: boolean; brief?: boolean; reading?: string[]; engine?: string }

export async function decideCommand(file: string | undefined, options: DecideOptions): Promise<number> {
  const regulation = loadOrReport(options);
  if (!regulation) return 2;
  const chosen = parseReadings(regulation, options.reading);
  if (chosen.problem) {
    process.stderr.write(`${chosen.problem}\n`);
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
    const doc = await decider.decide(input, { trace: !options.brief });
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`${file}: ${(e as Error).message}\n`);
    return 1;
  }
}

async function decideLines(decider: Decider, options: DecideOptions): Promise<number> {
  let status = 0;
  let n = 0;
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    n += 1;
    if (!line.trim()) continue;
    let out: unknown;
    try {
      const data = parseJsonLine(line);
      const checked = checkCase(decider.regulation, data);
      if (!checked.case) {
        out = { error: `第 ${n} 行：${checked.problems.map((p) => p.message).join('；')}` };
      } else {
        out = await decider.decide(checked.case, { trace: !options.brief });
      }
    } catch (e) {
      out = { error: `第 ${n} 行：${e instanceof SyntaxError ? `不是有效的 JSON：${e.message}` : (e as Error).message}` };
    }
    if ((out as { error?: string }).error) status = 1;
    if (!process.stdout.write(`${JSON.stringify(out)}\n`)) await new Promise((r) => process.stdout.once('drain', r));
  }
  return status;
}
