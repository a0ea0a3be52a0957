// `tiaoli schema decision`: the JSON Schema of the decision documents the rules produce,
// generated from regulation.yaml, for other tools that read them.
import { decisionDocumentSchema } from '../evaluate/decision-schema.js';
import { loadOrReport, type ProjectOptions } from './rules-dir.js';

const KINDS = ['decision'] as const;

export async function schemaCommand(kind: string, options: ProjectOptions): Promise<number> {
  if (!(KINDS as readonly string[]).includes(kind)) {
    process.stderr.write(`未知的 Schema 种类 ${kind}；可用：${KINDS.join('、')}\n`);
    return 1;
  }
  const regulation = loadOrReport(options);
  if (!regulation) return 2;
  process.stdout.write(`${JSON.stringify(decisionDocumentSchema(regulation), null, 2)}\n`);
  return 0;
}
