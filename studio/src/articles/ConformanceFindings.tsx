// 上位法一致性审查 beside the articles (GET /api/project/conformance, as `tiaoli conformance`): under
// each article of the project's own text, the classes of cases where it is stricter than the
// superior it implements, contradicts it, or is more generous — with the superior's articles and
// how many cases. Asked for once per saved ruleset; the page shows without it meanwhile.
import { useEffect, useState } from 'react';
import { articleLabel } from '../../../engine/explain/article-label.js';
import type { ConformanceReport } from '../../../engine/project/conformance/conformance.js';
import { call } from '../shared/api.js';
import { fill, useMessages } from '../shared/i18n.js';
import { Law } from '../shared/law-text.js';

let asked: { ruleset: string; answer: Promise<ConformanceReport | null> } | undefined;

/** The project's conformance report for these saved rules (null: no superior declared, or it could not be made). */
export function useConformance(ruleset: string | null | undefined): ConformanceReport | null {
  const [report, setReport] = useState<ConformanceReport | null>(null);
  useEffect(() => {
    if (!ruleset) return;
    if (asked?.ruleset !== ruleset) {
      asked = { ruleset, answer: call('GET', 'api/project/conformance').then((a) => (a.status === 200 ? (a.data.report as ConformanceReport | null) : null), () => null) };
    }
    let live = true;
    void asked.answer.then((r) => { if (live) setReport(r); });
    return () => {
      live = false;
    };
  }, [ruleset]);
  return report;
}

/** The classes of the report whose local articles are in article `id` (its paragraphs and items too). */
export function ConformanceFindings({ report, articleId }: { report: ConformanceReport; articleId: string }) {
  const t = useMessages();
  const mine = report.classes.filter((c) => c.localArticles.some((ref) => ref.split('.')[0] === articleId));
  if (!mine.length) return null;
  const words = { stricter: t.conformanceStricter, contradicts: t.conformanceContradicts, generous: t.conformanceGenerous };
  return (
    <aside className="conformance-findings" data-testid={`conformance-${articleId}`} aria-label={t.conformanceTitle}>
      <b>{t.conformanceTitle}</b>
      <ul>
        {mine.map((c) => (
          <li key={`${c.direction}|${c.local}|${c.superior}|${c.difference}`} data-direction={c.direction} className={`conformance-${c.direction}`}>
            <span className="badge">{words[c.direction]}</span>{' '}
            <code>{`${c.local} ↔ ${c.superior}`}</code>{' '}<Law>{c.difference}</Law>{' · '}
            <Law>{`《${report.superior.title}》${c.superiorArticles.map((a) => articleLabel(a)).join('、')}`}</Law>{' · '}
            {fill(t.conformanceCases, { n: c.count })}
          </li>
        ))}
      </ul>
    </aside>
  );
}
