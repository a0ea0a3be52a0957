// The decision fields that change over the population, before → after, as horizontal bars
// (Observable Plot), largest first.
import { useEffect, useRef } from 'react';
import * as Plot from '@observablehq/plot';

export interface ChartRow { label: string; decision: string; count: number }

export function ImpactChart({ rows, axis }: { rows: ChartRow[]; axis: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const width = Math.max(320, box.current.clientWidth || 480);
    const longest = Math.max(...rows.map((r) => r.label.length), 8);
    const chart = Plot.plot({
      width,
      height: 40 + rows.length * 24,
      marginLeft: Math.min(width * 0.6, 12 + longest * 7),
      marginRight: 48,
      x: { label: axis, grid: true, nice: true },
      y: { label: null, domain: rows.map((r) => r.label) },
      color: { legend: false },
      style: { fontSize: '12px', background: 'transparent' },
      marks: [
        Plot.barX(rows, { x: 'count', y: 'label', fill: 'decision', tip: true }),
        Plot.text(rows, { x: 'count', y: 'label', text: (r: ChartRow) => r.count.toLocaleString('zh-CN'), dx: 4, textAnchor: 'start' }),
        Plot.ruleX([0]),
      ],
    });
    box.current.replaceChildren(chart);
    return () => chart.remove();
  }, [rows, axis]);
  return <div ref={box} className="impact-chart" data-testid="impact-chart" />;
}

