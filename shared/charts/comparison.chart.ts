import type { ComparisonResult } from '../domain/analytics';
import { baseOption, emptySpec, messages, withUnit, type ChartContext, type ChartSpec } from './chart-common';

/**
 * Branches (or business lines) compared: counts as bars and, where a denominator was entered,
 * cases per 10,000 customers/policies as a line on its own axis.
 */
export function comparisonChart(
  result: ComparisonResult,
  by: 'branch' | 'business',
  context: ChartContext,
): ChartSpec {
  const m = messages(context);
  const title = by === 'branch' ? m.charts.comparisonBranch : m.charts.comparisonBusiness;
  const rows = by === 'branch' ? result.byBranch : result.byBusiness;
  if (rows.length === 0) return emptySpec(title, context);
  const hasRates = rows.some((r) => r.per10k !== null);
  const label = (code: string) => (by === 'branch' ? code : context.codeLabel('B', code));
  return {
    isEmpty: false,
    option: {
      ...baseOption(title),
      legend: { top: 24 },
      xAxis: {
        type: 'category',
        data: rows.map((r) => label(r.code)),
        axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 },
      },
      yAxis: [
        { type: 'value', name: withUnit(m.series.count, m.axis.cases, context), minInterval: 1 },
        ...(hasRates ? [{ type: 'value' as const, name: m.denominatorKinds[result.denominatorKind] }] : []),
      ],
      series: [
        { type: 'bar', name: m.series.count, data: rows.map((r) => r.count) },
        ...(hasRates
          ? [
              {
                type: 'line' as const,
                name: m.series.per10k,
                yAxisIndex: 1,
                data: rows.map((r) => (r.per10k === null ? null : Math.round(r.per10k * 100) / 100)),
              },
            ]
          : []),
      ],
    },
    drill: (_seriesIndex, dataIndex) => {
      const row = rows[dataIndex];
      return row ? { kind: 'comparison', by, code: row.code } : null;
    },
  };
}
