import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart as Bars } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([Bars, GridComponent, TooltipComponent, SVGRenderer]);

/** A horizontal bar chart (ECharts, SVG); the same figures are in the table beside it for screen readers. */
export function BarChart({ label, labels, values }: { label: string; labels: readonly string[]; values: readonly number[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      tooltip: {},
      grid: { left: 160, right: 20, top: 10, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: [...labels].reverse() },
      series: [{ type: 'bar', data: [...values].reverse(), itemStyle: { color: '#2b5797' } }],
    });
    return () => chart.dispose();
  }, [labels, values]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height: Math.max(120, labels.length * 28 + 40) }} />;
}
