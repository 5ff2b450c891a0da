import { HANDLING_DAY_BUCKETS, type TimelinessResult } from '../domain/analytics';
import { interpolate } from '../i18n/define';
import {
  baseOption,
  emptySpec,
  messages,
  percent,
  withUnit,
  type ChartContext,
  type ChartSpec,
} from './chart-common';

/** On time vs late per deadline limit (15/30/60 days), stacked. */
export function onTimeChart(result: TimelinessResult, context: ChartContext): ChartSpec {
  const m = messages(context);
  const title = `${m.charts.onTime} ${percent(result.onTimeRate)}`;
  if (result.decided === 0) return emptySpec(m.charts.onTime, context);
  const limits = result.byLimit;
  return {
    isEmpty: false,
    option: {
      ...baseOption(title),
      legend: { top: 24 },
      xAxis: { type: 'category', data: limits.map((l) => interpolate(m.limitDays, { days: l.limitDays })) },
      yAxis: { type: 'value', name: withUnit(m.series.count, m.axis.cases, context), minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: m.series.onTime,
          stack: 'decided',
          data: limits.map((l) => l.onTime),
          color: '#3a9d6a',
        },
        {
          type: 'bar',
          name: m.series.late,
          stack: 'decided',
          data: limits.map((l) => l.decided - l.onTime),
          color: '#c2453b',
        },
      ],
    },
    drill: (seriesIndex, dataIndex) => {
      const limit = limits[dataIndex];
      if (!limit || seriesIndex > 1) return null;
      return { kind: 'on-time', isOnTime: seriesIndex === 0, limitDays: limit.limitDays };
    },
  };
}

/** How many days decided cases took, in the buckets of HANDLING_DAY_BUCKETS. */
export function handlingDaysChart(result: TimelinessResult, context: ChartContext): ChartSpec {
  const m = messages(context);
  if (result.handlingDays.every((n) => n === 0)) return emptySpec(m.charts.handlingDays, context);
  const average =
    result.averageHandlingDays === null
      ? ''
      : ` · ${m.kpi.averageDays} ${result.averageHandlingDays.toFixed(1)}`;
  return {
    isEmpty: false,
    option: {
      ...baseOption(`${m.charts.handlingDays}${average}`),
      xAxis: { type: 'category', data: Object.values(m.handlingBuckets), name: m.axis.days },
      yAxis: { type: 'value', name: withUnit(m.series.count, m.axis.cases, context), minInterval: 1 },
      series: [{ type: 'bar', name: m.series.count, data: result.handlingDays, barCategoryGap: '10%' }],
    },
    drill: (_seriesIndex, dataIndex) =>
      dataIndex >= 0 && dataIndex < HANDLING_DAY_BUCKETS.length
        ? { kind: 'handling-days', bucketIndex: dataIndex }
        : null,
  };
}

/** Open cases due soon and overdue, per handler (or per branch), as horizontal stacked bars. */
export function deadlinesChart(
  result: TimelinessResult,
  by: 'handler' | 'branch',
  context: ChartContext,
): ChartSpec {
  const m = messages(context);
  const rows =
    by === 'handler'
      ? result.byHandler.map((r) => ({ ...r, label: r.key === '' ? m.unassigned : r.name || r.key }))
      : result.byBranch.map((r) => ({ ...r, label: r.key }));
  if (rows.length === 0) return emptySpec(m.charts.deadlines, context);
  const shown = rows.slice(0, 15).reverse(); // largest at the top of a horizontal bar chart
  return {
    isEmpty: false,
    option: {
      ...baseOption(m.charts.deadlines),
      legend: { top: 24 },
      xAxis: { type: 'value', name: m.axis.cases, minInterval: 1 },
      yAxis: { type: 'category', data: shown.map((r) => r.label) },
      series: [
        {
          type: 'bar',
          name: m.series.overdue,
          stack: 'open',
          data: shown.map((r) => r.overdue),
          color: '#c2453b',
        },
        {
          type: 'bar',
          name: m.series.dueSoon,
          stack: 'open',
          data: shown.map((r) => r.dueSoon),
          color: '#e0a039',
        },
      ],
    },
    drill: (seriesIndex, dataIndex) => {
      const row = shown[dataIndex];
      if (!row || seriesIndex > 1) return null;
      return { kind: 'deadline', by, key: row.key, deadline: seriesIndex === 0 ? 'overdue' : 'due_soon' };
    },
  };
}
