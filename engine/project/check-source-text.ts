// The text of every paragraph in rules/ must be the published text (source.txt), word for
// word; only white space (page breaks in the source) is ignored.
import type { Regulation } from '../model/model.js';
import type { Problem } from '../core/source-file.js';
import { articleLabel } from '../explain/article-label.js';

const squeeze = (s: string): string => s.replace(/\s+/g, '');

export function checkSourceText(regulation: Regulation, sourceFile = 'source.txt'): Problem[] {
  if (!regulation.sourceText) return [];
  const source = squeeze(regulation.sourceText);
  const problems: Problem[] = [];
  for (const a of regulation.articles) {
    for (const p of a.paragraphs) {
      const pieces = [p.text, ...(p.items ?? []).map((i) => `${i.label}${i.text}`)];
      for (const piece of pieces) {
        if (!source.includes(squeeze(piece))) {
          problems.push({ code: 'text.notInSource', message: `${articleLabel(p.id)} 的条文与原文 ${sourceFile} 不一致：“${piece.slice(0, 30)}…”`, location: a.location });
        }
      }
    }
  }
  return problems;
}
