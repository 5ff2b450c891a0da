import type { Dashboard } from '../../../shared/domain/analytics';
import { analyticsMessages } from '../../../shared/i18n/analytics';
import { sayCount, type Locale } from '../../../shared/i18n/define';
import { getDashboard } from '../analytics/analytics.service';
import type { ServiceContext } from '../context';
import type { ChartContext, ChartSpec } from '../../../shared/charts/chart-common';
import { trendChart } from '../../../shared/charts/trend.chart';
import { paretoChart } from '../../../shared/charts/pareto.chart';
import { deadlinesChart, handlingDaysChart, onTimeChart } from '../../../shared/charts/timeliness.chart';
import { resolutionsChart, satisfactionChart } from '../../../shared/charts/outcomes.chart';
import { comparisonChart } from '../../../shared/charts/comparison.chart';
import { emergingChart } from '../../../shared/charts/emerging.chart';
import { percent } from '../../../shared/charts/chart-common';
import { taxonomyNames, wallClock } from './case-rows';
import { chromiumPrinter, type PdfPrinter } from './chromium-printer';
import { runExport, throwIfAborted, type ExportOptions, type ExportResult } from './export-run';
import { describeFilter } from './filter-text';
import { pageTemplates, reportHtml, type ReportMeta } from './report-html';
import { summaryTables } from './summary-tables';

const CHART_WIDTH = 720;
const CHART_HEIGHT = 340;

/**
 * The PDF report: the dashboard's charts (rendered to SVG by the same option builders the screen
 * uses, through ECharts' server-side renderer), its tables, the filter in words, who exported it
 * and when, printed by Chromium (or Electron) with a running header and page numbers.
 */
export function exportPdf(
  ctx: ServiceContext,
  options: ExportOptions & { printer?: PdfPrinter },
): Promise<ExportResult> {
  return runExport(ctx, 'pdf', options, async (job) => {
    const dashboard = getDashboard(ctx, job.request);
    const names = taxonomyNames(ctx.db, options.locale);
    const chartContext: ChartContext = {
      locale: options.locale,
      codeLabel: (scheme, code) =>
        names.get(`${scheme}:${code}`) ? `${code} ${names.get(`${scheme}:${code}`)}` : code,
    };
    const meta: ReportMeta = {
      locale: options.locale,
      title: analyticsMessages[options.locale].export.reportTitle,
      filterText: describeFilter(job.filter, options.locale, chartContext.codeLabel),
      exportedAt: wallClock(ctx.clock.timeZone)(ctx.clock.now()).toISOString().slice(0, 16).replace('T', ' '),
      exportedBy: ctx.actor.displayName,
      kpis: kpis(dashboard, options.locale),
    };
    // ECharts is loaded on the PDF path only (about half a second of start-up otherwise).
    const { renderChartSvg } = await import('../../../shared/charts/echarts-setup');
    const charts = reportCharts(dashboard, chartContext).map((spec) => ({
      title: titleOf(spec),
      svg: renderChartSvg(spec.option, CHART_WIDTH, CHART_HEIGHT),
    }));
    const html = reportHtml(meta, charts, summaryTables(ctx.db, dashboard, options.locale));
    throwIfAborted(options.signal);
    options.onProgress?.(0, dashboard.total);
    await (options.printer ?? chromiumPrinter()).print(html, options.filePath, pageTemplates(meta));
    options.onProgress?.(dashboard.total, dashboard.total);
    return dashboard.total;
  });
}

export function reportCharts(d: Dashboard, context: ChartContext): ChartSpec[] {
  return [
    trendChart(d.trends, context),
    paretoChart(d.pareto, context),
    emergingChart(d.emerging, context),
    onTimeChart(d.timeliness, context),
    handlingDaysChart(d.timeliness, context),
    deadlinesChart(d.timeliness, 'branch', context),
    resolutionsChart(d.outcomes, context),
    satisfactionChart(d.outcomes, context),
    comparisonChart(d.comparison, 'branch', context),
    comparisonChart(d.comparison, 'business', context),
  ];
}

function titleOf(spec: ChartSpec): string {
  const title = spec.option.title;
  const first = Array.isArray(title) ? title[0] : title;
  return typeof first?.text === 'string' ? first.text : '';
}

function kpis(d: Dashboard, locale: Locale): { label: string; value: string }[] {
  const m = analyticsMessages[locale];
  return [
    { label: m.kpi.total, value: sayCount(m, 'total', d.total, locale) },
    { label: m.kpi.onTimeRate, value: percent(d.timeliness.onTimeRate) },
    { label: m.kpi.averageDays, value: d.timeliness.averageHandlingDays?.toFixed(1) ?? '—' },
    { label: m.kpi.satisfactionRate, value: percent(d.outcomes.satisfactionRate) },
    { label: m.kpi.reviewRate, value: percent(d.outcomes.reviewRate) },
    { label: m.kpi.repeatCases, value: String(d.repeats.repeatCaseCount) },
    {
      label: m.kpi.amountPaid,
      value: `¥${(d.outcomes.amountPaidFen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    },
  ];
}
