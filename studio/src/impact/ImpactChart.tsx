// The decision fields that change over the population, before → after, as horizontal bars
// (Observable Plot), largest first.
import { useEffect, useRef } from 'react';
import * as Plot from '@observablehq/plot';
import { fitText, wrapText } from './text-fit.js';

export interface ChartRow { label: string; decision: string; count: number }

function drawChart(rows: ChartRow[], axis: string, width: number): SVGSVGElement | HTMLElement {
  // each bar with its label above it: the side panel is too narrow for labels beside the bars
  return Plot.plot({
    width,
    height: 36 + rows.length * 36,
    marginLeft: 8,
    marginRight: 56,
    marginTop: 18,
    x: { label: axis, grid: true, nice: true },
    y: { axis: null, domain: rows.map((r) => r.label), paddingInner: 0.55, paddingOuter: 0.4 },
    style: { fontSize: '12px', background: 'transparent' },
    marks: [
      Plot.barX(rows, { x: 'count', y: 'label', fill: 'decision' }),
      // a label longer than the chart ends in … (the tip and the table below show it whole)
      Plot.text(rows, { x: 0, y: 'label', text: (r: ChartRow) => fitText(r.label, (width - 16) / 12), dy: -12, textAnchor: 'start', fill: 'currentColor' }),
      Plot.text(rows, { x: 'count', y: 'label', text: (r: ChartRow) => r.count.toLocaleString('zh-CN'), dx: 4, textAnchor: 'start' }),
      Plot.ruleX([0]),
      // the bar under the pointer, whole, in Chinese: from the chart's left edge, wrapped to its width (above or below the bar where it fits)
      Plot.tip(rows, Plot.pointerY({
        x: 0, y: 'label', lineWidth: Infinity,
        title: (r: ChartRow) => wrapText(`${r.label}\n${r.count.toLocaleString('zh-CN')} 个案件`, Math.max(10, (width - 40) / 12)),
      })),
    ],
  });
}

/**
 * One chart drawn and dropped while nothing else happens (a population just loaded): the first
 * chart of a page costs several times the next (its code compiled on first use), and the first
 * real one comes right after an edit, when the page should answer at once.
 */
export function warmUp(): void {
  drawChart([{ label: 'a', decision: 'a', count: 1 }, { label: 'b', decision: 'b', count: 2 }], '', 320).remove();
}

export function ImpactChart({ rows, axis }: { rows: ChartRow[]; axis: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const started = performance.now();
    const chart = drawChart(rows, axis, Math.max(280, box.current.clientWidth || 480));
    box.current.replaceChildren(chart);
    performance.measure('impact-chart', { start: started });
    return () => chart.remove();
  }, [rows, axis]);
  return <div ref={box} className="impact-chart" data-testid="impact-chart" />;
}
