import type { EmergingResult } from '../domain/analytics';
import { baseOption, emptySpec, messages, withUnit, type ChartContext, type ChartSpec } from './chart-common';

export const MAX_EMERGING_LINES = 5;

/** The weekly series of the top emerging issues, each with its control limit in the tooltip title. */
export function emergingChart(result: EmergingResult, context: ChartContext): ChartSpec {
  const m = messages(context);
  const issues = result.issues.slice(0, MAX_EMERGING_LINES);
  if (issues.length === 0) return emptySpec(m.charts.emerging, context, m.noEmerging);
  return {
    isEmpty: false,
    option: {
      ...baseOption(m.charts.emerging),
      legend: { top: 24, type: 'scroll' },
      xAxis: { type: 'category', data: result.weeks },
      yAxis: { type: 'value', name: withUnit(m.series.count, m.axis.cases, context), minInterval: 1 },
      series: issues.map((issue) => ({
        type: 'line' as const,
        name: `${context.codeLabel('B', issue.businessCode)} × ${context.codeLabel('C', issue.causeCode)}`,
        data: issue.series,
        symbolSize: 6,
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed' as const },
          // Inside the plot: at the line's end outside it, the label was cut off by the card's edge.
          label: {
            position: 'insideEndTop' as const,
            formatter: `${m.series.threshold} ${issue.threshold.toFixed(1)}`,
          },
          data: [{ yAxis: Math.round(issue.threshold * 10) / 10 }],
        },
      })),
    },
    drill: (seriesIndex, dataIndex) => {
      const issue = issues[seriesIndex];
      const weekStart = result.weeks[dataIndex];
      return issue && weekStart
        ? { kind: 'emerging', businessCode: issue.businessCode, causeCode: issue.causeCode, weekStart }
        : null;
    },
  };
}
