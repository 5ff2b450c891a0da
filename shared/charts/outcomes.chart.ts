import type { OutcomesResult } from '../domain/analytics';
import {
  baseOption,
  emptySpec,
  messages,
  percent,
  withUnit,
  type ChartContext,
  type ChartSpec,
} from './chart-common';

/** Resolution types: count bars and the amount paid (yuan) as a line on a second axis. */
export function resolutionsChart(result: OutcomesResult, context: ChartContext): ChartSpec {
  const m = messages(context);
  const rows = result.resolutions;
  if (rows.every((r) => r.count === 0)) return emptySpec(m.charts.resolutions, context);
  return {
    isEmpty: false,
    option: {
      ...baseOption(m.charts.resolutions),
      legend: { top: 24 },
      xAxis: { type: 'category', data: rows.map((r) => m.resolutionTypes[r.type]) },
      yAxis: [
        { type: 'value', name: withUnit(m.series.count, m.axis.cases, context), minInterval: 1 },
        { type: 'value', name: m.axis.yuan },
      ],
      series: [
        { type: 'bar', name: m.series.count, data: rows.map((r) => r.count) },
        { type: 'line', name: m.series.amount, yAxisIndex: 1, data: rows.map((r) => r.amountFen / 100) },
      ],
    },
    drill: (seriesIndex, dataIndex) => {
      const row = rows[dataIndex];
      return row && seriesIndex === 0 ? { kind: 'resolution', type: row.type } : null;
    },
  };
}

/** Satisfaction answers as a ring, with the satisfaction rate in the title. */
export function satisfactionChart(result: OutcomesResult, context: ChartContext): ChartSpec {
  const m = messages(context);
  const rows = result.satisfaction;
  if (rows.every((r) => r.count === 0)) return emptySpec(m.charts.satisfaction, context);
  return {
    isEmpty: false,
    option: {
      ...baseOption(`${m.charts.satisfaction} ${percent(result.satisfactionRate)}`),
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      color: ['#2e7d4f', '#6fbf73', '#b0b0b0', '#e0a039', '#c2453b'],
      series: [
        {
          type: 'pie',
          name: m.charts.satisfaction,
          radius: ['40%', '65%'],
          data: rows.map((r) => ({ name: m.satisfactionLevels[r.level], value: r.count })),
          label: { formatter: '{b}: {c}' },
        },
      ],
    },
    drill: (_seriesIndex, dataIndex) => {
      const row = rows[dataIndex];
      return row ? { kind: 'satisfaction', level: row.level } : null;
    },
  };
}
