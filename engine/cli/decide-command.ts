// `tiaoli decide FILE` and `tiaoli decide --jsonl` (decide-lines.ts).
import type { DecisionDocument } from '../explain/decider.js';
import { loadProjectDecider } from './project-decider.js';
import { loadOrReport, type ProjectOptions } from './rules-dir.js';
import { readCaseFile } from './read-input.js';
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
  const project = loadProjectDecider(regulation, options, { readings: chosen.readings, engine: engine.engine });
  if (!project) return 2;
  const { decider } = project;
  if (options.jsonl) return (await import('./decide-lines.js')).decideLines(decider, { readings: chosen.readings, engine: engine.engine, trace: !options.brief, instruments: project.instruments.instruments ? project.instruments : undefined });
  if (!file) {
    process.stderr.write('请给出案件文件：tiaoli decide case.yaml，或用 --jsonl 从标准输入逐行读取\n');
    return 1;
  }
  const input = readCaseFile(regulation, file);
  if (!input) return 1;
  try {
    const doc = await decider.decide(input, { trace: !options.brief || options.record });
    process.stdout.write(`${JSON.stringify(options.brief ? withoutTrace(doc) : doc, null, 2)}\n`);
    return register ? await register.recordDecision(decider.base, input, doc, options, decider) : 0;
  } catch (e) {
    process.stderr.write(`${file}: ${(e as Error).message}\n`);
    return 1;
  }
}

/** The document as printed: without `because` when --brief (the register keeps the trace). */
function withoutTrace(doc: DecisionDocument): DecisionDocument {
  return { ...doc, decisions: Object.fromEntries(Object.entries(doc.decisions).map(([k, { because: _b, ...d }]) => [k, d])) } as DecisionDocument;
}
