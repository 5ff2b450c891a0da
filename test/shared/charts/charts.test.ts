import { describe, expect, it } from 'vitest';
import type { ChartContext, ChartSpec } from '../../../shared/charts/chart-common';
import { CHART_FONT } from '../../../shared/charts/chart-common';
import { renderChartSvg } from '../../../shared/charts/echarts-setup';
import { trendChart } from '../../../shared/charts/trend.chart';
import { paretoChart } from '../../../shared/charts/pareto.chart';
import { deadlinesChart, handlingDaysChart, onTimeChart } from '../../../shared/charts/timeliness.chart';
import { resolutionsChart, satisfactionChart } from '../../../shared/charts/outcomes.chart';
import { comparisonChart } from '../../../shared/charts/comparison.chart';
import { emergingChart } from '../../../shared/charts/emerging.chart';
import type { OutcomesResult, TimelinessResult, TrendResult } from '../../../shared/domain/analytics';
import { RESOLUTION_TYPES, SATISFACTION_LEVELS } from '../../../shared/domain/case';

const NAMES: Record<string, string> = {
  B01: '人民币储蓄',
  B02: '贷款',
  C01: '服务态度及质量',
  C09: '资金安全',
};
const zh: ChartContext = {
  locale: 'zh-CN',
  codeLabel: (_s, code) => (NAMES[code] ? `${code} ${NAMES[code]}` : code),
};
const en: ChartContext = { locale: 'en', codeLabel: (_s, code) => code };

const TREND: TrendResult = {
  granularity: 'month',
  dateBasis: 'received',
  splitBy: 'business',
  buckets: ['2026-09-01', '2026-10-01'],
  series: [
    { key: 'B01', values: [3, 4], previousYear: [1, 0] },
    { key: 'B02', values: [0, 2], previousYear: [2, 2] },
  ],
};

const TIMELINESS: TimelinessResult = {
  decided: 10,
  onTime: 7,
  onTimeRate: 0.7,
  byLimit: [
    { limitDays: 15, decided: 8, onTime: 6 },
    { limitDays: 30, decided: 2, onTime: 1 },
  ],
  averageHandlingDays: 9.5,
  handlingDays: [2, 3, 2, 2, 1, 0],
  byHandler: [
    { key: 'u1', name: '王处理', dueSoon: 2, overdue: 1 },
    { key: '', name: '', dueSoon: 1, overdue: 0 },
  ],
  byBranch: [{ key: 'BJ01', dueSoon: 3, overdue: 1 }],
};

function svgOf(spec: ChartSpec): string {
  return renderChartSvg(spec.option, 600, 360);
}

function seriesOf(spec: ChartSpec): { name?: string; data?: unknown[] }[] {
  return spec.option.series as { name?: string; data?: unknown[] }[];
}

describe('trend chart', () => {
  it('stacks one bar series per split value and draws last year as a dashed total', () => {
    const spec = trendChart(TREND, zh);
    expect(spec.isEmpty).toBe(false);
    expect(seriesOf(spec).map((s) => s.name)).toEqual(['B01 人民币储蓄', 'B02 贷款', '去年同期']);
    expect(seriesOf(spec)[2]!.data).toEqual([3, 2]);
    expect((spec.option.yAxis as { name: string }).name).toBe('投诉量（件）');
    expect(spec.option.textStyle).toEqual({ fontFamily: CHART_FONT });
    expect(spec.drill(1, 1)).toEqual({
      kind: 'trend',
      bucket: '2026-10-01',
      splitKey: 'B02',
      isPreviousYear: false,
    });
    expect(spec.drill(2, 0)).toEqual({
      kind: 'trend',
      bucket: '2026-09-01',
      splitKey: '',
      isPreviousYear: true,
    });
    expect(spec.drill(0, 5)).toBeNull();
    const svg = svgOf(spec);
    expect(svg).toContain('投诉量趋势');
    expect(svg).toContain('B02 贷款');
  });

  it('speaks English and shows an empty state', () => {
    const spec = trendChart({ ...TREND, splitBy: 'none', series: [] }, en);
    expect(spec.isEmpty).toBe(true);
    expect(svgOf(spec)).toContain('No complaints in the selected range');
    expect(spec.drill(0, 0)).toBeNull();
  });
});

describe('pareto chart', () => {
  it('shows counts and the cumulative share in percent on a second axis', () => {
    const spec = paretoChart(
      {
        total: 4,
        rows: [
          { causeCode: 'C01', count: 3, cumulativeShare: 0.75 },
          { causeCode: 'C09', count: 1, cumulativeShare: 1 },
        ],
      },
      zh,
    );
    expect(seriesOf(spec)[1]!.data).toEqual([75, 100]);
    expect((spec.option.yAxis as { max?: number }[])[1]!.max).toBe(100);
    expect(spec.drill(0, 1)).toEqual({ kind: 'pareto', causeCode: 'C09' });
    expect(svgOf(spec)).toContain('C01 服务态度及质量');
    expect(paretoChart({ total: 0, rows: [] }, zh).isEmpty).toBe(true);
  });
});

describe('timeliness charts', () => {
  it('splits each limit into on time and late', () => {
    const spec = onTimeChart(TIMELINESS, zh);
    expect(seriesOf(spec).map((s) => s.data)).toEqual([
      [6, 1],
      [2, 1],
    ]);
    expect((spec.option.title as { text: string }).text).toBe('按时办结率 70.0%');
    expect(spec.drill(1, 0)).toEqual({ kind: 'on-time', isOnTime: false, limitDays: 15 });
    expect(onTimeChart({ ...TIMELINESS, decided: 0 }, zh).isEmpty).toBe(true);
  });

  it('buckets handling days and lists handlers with the unassigned ones named', () => {
    expect(seriesOf(handlingDaysChart(TIMELINESS, en))[0]!.data).toEqual([2, 3, 2, 2, 1, 0]);
    expect(handlingDaysChart(TIMELINESS, en).drill(0, 5)).toEqual({ kind: 'handling-days', bucketIndex: 5 });
    const handlers = deadlinesChart(TIMELINESS, 'handler', zh);
    expect((handlers.option.yAxis as { data: string[] }).data).toEqual(['未指派', '王处理']);
    expect(handlers.drill(0, 1)).toEqual({ kind: 'deadline', by: 'handler', key: 'u1', deadline: 'overdue' });
    expect(handlers.drill(1, 0)).toEqual({ kind: 'deadline', by: 'handler', key: '', deadline: 'due_soon' });
    expect(svgOf(handlers)).toContain('即将到期与逾期');
  });
});

describe('outcome, comparison and emerging charts', () => {
  const outcomes: OutcomesResult = {
    resolutions: RESOLUTION_TYPES.map((type, i) => ({ type, count: i, amountFen: i * 1000 })),
    amountPaidFen: 15_000,
    satisfaction: SATISFACTION_LEVELS.map((level, i) => ({ level, count: 5 - i })),
    satisfactionRate: 0.6,
    decided: 15,
    reviewRequests: 1,
    reviewRate: 1 / 15,
  };

  it('draws resolutions with amounts in yuan and satisfaction as a ring', () => {
    expect(seriesOf(resolutionsChart(outcomes, zh))[1]!.data).toEqual([0, 10, 20, 30, 40, 50]);
    expect(resolutionsChart(outcomes, zh).drill(0, 1)).toEqual({ kind: 'resolution', type: 'refund' });
    const ring = satisfactionChart(outcomes, zh);
    expect(ring.drill(0, 0)).toEqual({ kind: 'satisfaction', level: 'very_satisfied' });
    expect(svgOf(ring)).toContain('非常满意');
  });

  it('adds the per-10,000 line only when a denominator exists', () => {
    const withRates = comparisonChart(
      {
        denominatorKind: 'customers',
        byBranch: [{ code: 'BJ01', count: 6, denominator: 20_000, per10k: 3 }],
        byBusiness: [],
      },
      'branch',
      zh,
    );
    expect(seriesOf(withRates).map((s) => s.name)).toEqual(['投诉量', '每万件比率']);
    expect(withRates.drill(0, 0)).toEqual({ kind: 'comparison', by: 'branch', code: 'BJ01' });
    const without = comparisonChart(
      {
        denominatorKind: 'customers',
        byBranch: [],
        byBusiness: [{ code: 'B02', count: 2, denominator: null, per10k: null }],
      },
      'business',
      zh,
    );
    expect(seriesOf(without)).toHaveLength(1);
    expect(
      comparisonChart({ denominatorKind: 'customers', byBranch: [], byBusiness: [] }, 'branch', zh).isEmpty,
    ).toBe(true);
  });

  it('draws each emerging issue with its control limit, or says none broke out', () => {
    const spec = emergingChart(
      {
        weeks: ['2026-11-09', '2026-11-16'],
        issues: [
          {
            businessCode: 'B02',
            causeCode: 'C09',
            latest: 6,
            baselineMean: 1,
            baselineSd: 1,
            threshold: 4,
            score: 5,
            series: [1, 6],
          },
        ],
      },
      zh,
    );
    expect(seriesOf(spec)[0]!.name).toBe('B02 贷款 × C09 资金安全');
    expect(spec.drill(0, 1)).toEqual({
      kind: 'emerging',
      businessCode: 'B02',
      causeCode: 'C09',
      weekStart: '2026-11-16',
    });
    expect(svgOf(spec)).toContain('控制上限 4.0');
    expect(svgOf(emergingChart({ weeks: [], issues: [] }, zh))).toContain('最近一周没有突破控制上限的问题');
  });
});
