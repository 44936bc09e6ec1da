import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

/** A topic's months: volume and repeat appeals as bars, satisfaction as a line; the same figures are in the table beside it. */
export function TrendChart({ label, months, series }: { label: string; months: readonly string[]; series: { volume: string; repeats: string; satisfaction: string; values: { volume: number[]; repeats: number[]; satisfaction: (number | null)[] } } }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 50, right: 50, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: [...months] },
      yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }],
      series: [
        { name: series.volume, type: 'bar', data: series.values.volume, itemStyle: { color: '#2b5797' } },
        { name: series.repeats, type: 'bar', data: series.values.repeats, itemStyle: { color: '#b34700' } },
        { name: series.satisfaction, type: 'line', yAxisIndex: 1, data: series.values.satisfaction.map((v) => (v === null ? null : Math.round(v * 1000) / 10)), itemStyle: { color: '#1b7f3b' } },
      ],
    });
    return () => chart.dispose();
  }, [months, series]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height: 280 }} />;
}
