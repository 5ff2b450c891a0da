import type { TrendResult } from '../domain/analytics';
import { splitValueLabel } from '../i18n/split-label';
import { baseOption, emptySpec, messages, withUnit, type ChartContext, type ChartSpec } from './chart-common';

/** The label of a split value in a legend. */
export function splitKeyLabel(result: TrendResult, key: string, context: ChartContext): string {
  return splitValueLabel(result.splitBy, key, context.locale, context.codeLabel);
}

/**
 * Counts per period as (stacked) bars, one series per split value, and the same periods a year
 * earlier as a dashed line (the total of all split values).
 */
export function trendChart(result: TrendResult, context: ChartContext): ChartSpec {
  const m = messages(context);
  const detail = [m.granularities[result.granularity], m.dateBases[result.dateBasis]];
  const title =
    context.locale === 'zh-CN'
      ? `${m.charts.trend}（${detail.join('，')}）`
      : `${m.charts.trend} (${detail.join(', ')})`;
  const total = result.series.reduce((s, series) => s + series.values.reduce((a, b) => a + b, 0), 0);
  const lastYear = result.buckets.map((_, i) =>
    result.series.reduce((s, series) => s + (series.previousYear[i] ?? 0), 0),
  );
  if (total === 0 && lastYear.every((v) => v === 0)) return emptySpec(title, context);
  const isSplit = result.splitBy !== 'none';
  const bars = result.series.map((series) => ({
    type: 'bar' as const,
    name: splitKeyLabel(result, series.key, context),
    stack: isSplit ? 'count' : undefined,
    data: series.values,
    emphasis: { focus: 'series' as const },
  }));
  return {
    isEmpty: false,
    option: {
      ...baseOption(title),
      legend: { top: 24, type: 'scroll' },
      xAxis: { type: 'category', data: result.buckets, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', name: withUnit(m.series.count, m.axis.cases, context), minInterval: 1 },
      series: [
        ...bars,
        {
          type: 'line',
          name: m.series.previousYear,
          data: lastYear,
          lineStyle: { type: 'dashed' },
          symbol: 'circle',
          symbolSize: 5,
        },
      ],
    },
    drill: (seriesIndex, dataIndex) => {
      const bucket = result.buckets[dataIndex];
      if (bucket === undefined) return null;
      if (seriesIndex === bars.length) return { kind: 'trend', bucket, splitKey: '', isPreviousYear: true };
      const series = result.series[seriesIndex];
      return series ? { kind: 'trend', bucket, splitKey: series.key, isPreviousYear: false } : null;
    },
  };
}
