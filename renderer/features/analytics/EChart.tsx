import { useEffect, useRef } from 'react';
import type { DrillElement } from '../../../shared/domain/analytics';
import type { ChartSpec } from '../../../shared/charts/chart-common';
import { echarts } from '../../../shared/charts/echarts-setup';

interface EChartProps {
  spec: ChartSpec;
  height?: number;
  onDrill?: (element: DrillElement) => void;
  testId?: string;
}

/** One ECharts instance in a div: re-set on new options, resized with its box, disposed on unmount. */
export function EChart({ spec, height = 320, onDrill, testId }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const latest = useRef({ spec, onDrill });

  useEffect(() => {
    latest.current = { spec, onDrill };
  });

  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const instance = echarts.init(element, null, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => {
      const { spec: current, onDrill: drill } = latest.current;
      const target = current.drill(params.seriesIndex ?? 0, params.dataIndex);
      if (target && drill) drill(target);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a new split or granularity must not keep the old series around.
    chart.current?.setOption(spec.option, { notMerge: true });
  }, [spec]);

  return (
    <div
      ref={box}
      className="analytics-chart"
      style={{ height }}
      data-testid={testId}
      data-empty={spec.isEmpty || undefined}
    />
  );
}
