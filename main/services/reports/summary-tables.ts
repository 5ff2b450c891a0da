import type { ArchiveDb } from '../../../db/open';
import { HANDLING_DAY_BUCKETS, type Dashboard } from '../../../shared/domain/analytics';
import { analyticsMessages } from '../../../shared/i18n/analytics';
import { interpolate, type Locale } from '../../../shared/i18n/define';
import { splitValueLabel } from '../../../shared/i18n/split-label';
import { taxonomyNames } from './case-rows';

/** A dashboard block as a plain table, shared by the Excel summary sheets and the PDF report. */
export interface SummaryTable {
  id: 'trend' | 'pareto' | 'timeliness' | 'outcomes' | 'comparison' | 'regulator' | 'rectification';
  sheetName: string;
  title: string;
  headers: string[];
  rows: (string | number | null)[][];
}

export function summaryTables(db: ArchiveDb, d: Dashboard, locale: Locale): SummaryTable[] {
  const m = analyticsMessages[locale];
  const names = taxonomyNames(db, locale);
  const code = (scheme: string, value: string) => {
    const name = names.get(`${scheme}:${value}`);
    return name ? `${value} ${name}` : value;
  };
  return [
    trendTable(d, locale, code),
    paretoTable(d, locale, code),
    timelinessTable(d, locale),
    outcomesTable(d, locale),
    comparisonTable(d, locale, code),
    {
      id: 'regulator',
      sheetName: m.sheets.regulator,
      title: `${m.charts.regulator} ${interpolate(m.regulator.quarter, { year: d.regulator.year, quarter: d.regulator.quarter })}`,
      headers: [
        m.regulator.channel,
        m.regulator.business,
        m.regulator.cause,
        m.regulator.count,
        m.regulator.decided,
        m.regulator.onTime,
        m.regulator.onTimeRate,
      ],
      rows: [
        ...d.regulator.rows.map((r) => [
          code('A', r.channelCode),
          code('B', r.businessCode),
          code('C', r.causeCode),
          r.count,
          r.decided,
          r.onTime,
          r.onTimeRate,
        ]),
        [
          m.regulator.total,
          '',
          '',
          d.regulator.total,
          sum(d.regulator.rows.map((r) => r.decided)),
          sum(d.regulator.rows.map((r) => r.onTime)),
          null,
        ],
      ],
    },
  ];
}

type CodeLabel = (scheme: 'A' | 'B' | 'C', value: string) => string;

/** How a split value reads in a table (the same words as the chart legend). */
export function splitLabel(d: Dashboard, key: string, locale: Locale, code: CodeLabel): string {
  return splitValueLabel(d.trends.splitBy, key, locale, code);
}

function trendTable(d: Dashboard, locale: Locale, code: CodeLabel): SummaryTable {
  const m = analyticsMessages[locale];
  const label = (key: string) => splitLabel(d, key, locale, code);
  return {
    id: 'trend',
    sheetName: m.sheets.trend,
    title: m.charts.trend,
    headers: [
      m.columns.period,
      ...d.trends.series.flatMap((s) => [label(s.key), `${label(s.key)} ${m.series.previousYear}`]),
    ],
    rows: d.trends.buckets.map((bucket, i) => [
      bucket,
      ...d.trends.series.flatMap((s) => [s.values[i] ?? 0, s.previousYear[i] ?? 0]),
    ]),
  };
}

function paretoTable(d: Dashboard, locale: Locale, code: CodeLabel): SummaryTable {
  const m = analyticsMessages[locale];
  return {
    id: 'pareto',
    sheetName: m.sheets.pareto,
    title: m.charts.pareto,
    headers: [m.columns.cause, m.series.count, m.columns.share],
    rows: d.pareto.rows.map((r) => [code('C', r.causeCode), r.count, r.cumulativeShare]),
  };
}

function timelinessTable(d: Dashboard, locale: Locale): SummaryTable {
  const m = analyticsMessages[locale];
  const t = d.timeliness;
  const bucketLabels = Object.values(m.handlingBuckets);
  return {
    id: 'timeliness',
    sheetName: m.sheets.timeliness,
    title: m.charts.onTime,
    headers: [m.columns.key, m.columns.value],
    rows: [
      [m.regulator.decided, t.decided],
      [m.regulator.onTime, t.onTime],
      [m.kpi.onTimeRate, t.onTimeRate],
      [m.kpi.averageDays, t.averageHandlingDays],
      ...t.byLimit.map((r) => [
        interpolate(m.limitDays, { days: r.limitDays }),
        r.decided === 0 ? null : r.onTime / r.decided,
      ]),
      ...HANDLING_DAY_BUCKETS.map((_, i) => [bucketLabels[i] ?? '', t.handlingDays[i] ?? 0]),
      ...t.byBranch.flatMap((r) => [
        [`${r.key} ${m.series.dueSoon}`, r.dueSoon],
        [`${r.key} ${m.series.overdue}`, r.overdue],
      ]),
    ],
  };
}

function outcomesTable(d: Dashboard, locale: Locale): SummaryTable {
  const m = analyticsMessages[locale];
  const o = d.outcomes;
  return {
    id: 'outcomes',
    sheetName: m.sheets.outcomes,
    title: m.charts.resolutions,
    headers: [m.columns.key, m.series.count, m.series.amount],
    rows: [
      ...o.resolutions.map((r) => [m.resolutionTypes[r.type], r.count, r.amountFen / 100]),
      ...o.satisfaction.map((r) => [m.satisfactionLevels[r.level], r.count, null]),
      [m.kpi.satisfactionRate, o.satisfactionRate, null],
      [m.kpi.reviewRate, o.reviewRate, null],
    ],
  };
}

function comparisonTable(d: Dashboard, locale: Locale, code: CodeLabel): SummaryTable {
  const m = analyticsMessages[locale];
  const c = d.comparison;
  return {
    id: 'comparison',
    sheetName: m.sheets.comparison,
    title: `${m.charts.comparisonBranch} / ${m.charts.comparisonBusiness}`,
    headers: [m.columns.key, m.series.count, m.denominatorKinds[c.denominatorKind], m.series.per10k],
    rows: [
      ...c.byBranch.map((r) => [r.code, r.count, r.denominator, r.per10k]),
      ...c.byBusiness.map((r) => [code('B', r.code), r.count, r.denominator, r.per10k]),
    ],
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
