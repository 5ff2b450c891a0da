import type { DrillElement } from '../domain/analytics';
import { analyticsMessages } from '../i18n/analytics';
import type { Locale } from '../i18n/define';
import type { ChartOption } from './echarts-setup';

/**
 * What every chart builder needs besides its query result: the language, and how to name codes
 * (taxonomy names come from the archive, so the caller supplies the lookup).
 */
export interface ChartContext {
  locale: Locale;
  /** `B02` → `B02 贷款`; the code itself when unknown. */
  codeLabel: (scheme: 'A' | 'B' | 'C', code: string) => string;
}

/** A chart: its ECharts option, and the drill-down element behind each (series, data) point. */
export interface ChartSpec {
  option: ChartOption;
  drill: (seriesIndex: number, dataIndex: number) => DrillElement | null;
  isEmpty: boolean;
}

/**
 * Chinese glyphs first: Windows branch PCs have Microsoft YaHei, Linux (and the PDF printer) Noto
 * Sans CJK; naming them keeps Latin-only fallbacks from rendering tofu.
 */
export const CHART_FONT =
  "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

export const PALETTE = [
  '#2f6fb1',
  '#e07b39',
  '#3a9d6a',
  '#c2453b',
  '#7d5ba6',
  '#8c6d46',
  '#d66fae',
  '#6b7b8c',
  '#b8a22f',
  '#3fa7b5',
];

export function messages(context: ChartContext) {
  return analyticsMessages[context.locale];
}

export function baseOption(title: string): ChartOption {
  return {
    color: PALETTE,
    textStyle: { fontFamily: CHART_FONT },
    title: {
      text: title,
      left: 'left',
      textStyle: { fontSize: 14, fontWeight: 'bold', fontFamily: CHART_FONT },
    },
    tooltip: { trigger: 'axis' },
    // ECharts 6: `containLabel` is deprecated (and needs a legacy module). 'same' + 'all' keeps axis
    // labels and axis names (投诉量（件）) inside the grid rect; top leaves room for title and legend.
    grid: { left: 16, right: 24, top: 84, bottom: 12, outerBoundsMode: 'same', outerBoundsContain: 'all' },
  };
}

/** The empty state: the chart's title and one centred line saying there is nothing to show. */
export function emptySpec(
  title: string,
  context: ChartContext,
  message = messages(context).empty,
): ChartSpec {
  return {
    isEmpty: true,
    drill: () => null,
    option: {
      ...baseOption(title),
      title: [
        { text: title, left: 'left', textStyle: { fontSize: 14, fontFamily: CHART_FONT } },
        {
          text: message,
          left: 'center',
          top: 'middle',
          textStyle: { fontSize: 13, color: '#888', fontWeight: 'normal', fontFamily: CHART_FONT },
        },
      ],
    },
  };
}

export function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** A unit in an axis name, e.g. `投诉量（件）` / `Complaints (cases)`. */
export function withUnit(name: string, unit: string, context: ChartContext): string {
  return context.locale === 'zh-CN' ? `${name}（${unit}）` : `${name} (${unit})`;
}
