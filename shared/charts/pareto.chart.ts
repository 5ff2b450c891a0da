import type { ParetoResult } from '../domain/analytics';
import {
  baseOption,
  emptySpec,
  messages,
  percent,
  withUnit,
  type ChartContext,
  type ChartSpec,
} from './chart-common';

/** Causes as bars, most frequent first, with the cumulative share as a line on a 0–100 % axis. */
export function paretoChart(result: ParetoResult, context: ChartContext): ChartSpec {
  const m = messages(context);
  if (result.total === 0) return emptySpec(m.charts.pareto, context);
  return {
    isEmpty: false,
    option: {
      ...baseOption(m.charts.pareto),
      legend: { top: 24 },
      xAxis: {
        type: 'category',
        data: result.rows.map((r) => context.codeLabel('C', r.causeCode)),
        axisLabel: { interval: 0, rotate: 20 },
      },
      yAxis: [
        { type: 'value', name: withUnit(m.series.count, m.axis.cases, context), minInterval: 1 },
        { type: 'value', name: m.axis.percent, min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { type: 'bar', name: m.series.count, data: result.rows.map((r) => r.count) },
        {
          type: 'line',
          name: m.series.cumulativeShare,
          yAxisIndex: 1,
          data: result.rows.map((r) => Math.round(r.cumulativeShare * 1000) / 10),
          tooltip: { valueFormatter: (v) => percent(Number(v) / 100) },
          markLine: {
            silent: true,
            symbol: 'none',
            label: { show: false },
            data: [{ yAxis: 80 }],
            lineStyle: { type: 'dotted' },
          },
        },
      ],
    },
    drill: (_seriesIndex, dataIndex) => {
      const row = result.rows[dataIndex];
      return row ? { kind: 'pareto', causeCode: row.causeCode } : null;
    },
  };
}
