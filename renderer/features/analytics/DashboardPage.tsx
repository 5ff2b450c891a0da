import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Dashboard, DashboardRequest, DrillElement } from '../../../shared/domain/analytics';
import { invoke } from '../../api';
import { useSession } from '../../app/session';
import { useTaxonomy } from '../../app/taxonomy';
import { Button } from '../../ui/Button';
import { ErrorBox, Spinner } from '../../ui/status-indicators';
import { useToast } from '../../ui/Toast';
import { CaseWorkStatsCards } from '../case-work/CaseWorkStatsCards';
import { AnalyticsFilterBar } from './AnalyticsFilterBar';
import { KeywordSearch } from './KeywordSearch';
import { RegulatorTable, RepeatsTable } from './AnalyticsTables';
import { casesHashFor, viewFromHash, viewHash } from './analytics.url';
import { percent, type ChartContext, type ChartSpec } from '../../../shared/charts/chart-common';
import { comparisonChart } from '../../../shared/charts/comparison.chart';
import { DenominatorsDialog } from './DenominatorsDialog';
import { EChart } from './EChart';
import { emergingChart } from '../../../shared/charts/emerging.chart';
import { ExportButtons } from './ExportButtons';
import { resolutionsChart, satisfactionChart } from '../../../shared/charts/outcomes.chart';
import { paretoChart } from '../../../shared/charts/pareto.chart';
import { deadlinesChart, handlingDaysChart, onTimeChart } from '../../../shared/charts/timeliness.chart';
import { trendChart } from '../../../shared/charts/trend.chart';
import { useAnalyticsText } from './use-analytics-text';
import { errorWording, useWord, type Wording } from '../../ui/wording';
import './analytics.css';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The view is the URL: changing a filter rewrites the hash, and reading the hash gives the view. */
function useView(): [DashboardRequest, (next: DashboardRequest) => void] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const view = useMemo(() => viewFromHash(hash), [hash]);
  const setView = useCallback((next: DashboardRequest) => {
    window.location.hash = viewHash(next);
  }, []);
  return [view, setView];
}

function useDashboard(view: DashboardRequest) {
  const { epoch } = useSession();
  const [attempt, setAttempt] = useState(0);
  // Loading is derived: the result on hand belongs to an older request than the one now wanted.
  const key = `${JSON.stringify(view)}|${epoch}|${attempt}`;
  const [state, setState] = useState<{ key: string; data: Dashboard | null; error: Wording | null }>({
    key: '',
    data: null,
    error: null,
  });
  useEffect(() => {
    let isCurrent = true;
    invoke('analytics:dashboard', view)
      .then((data) => isCurrent && setState({ key, data, error: null }))
      .catch((error: unknown) => isCurrent && setState({ key, data: null, error: errorWording(error) }));
    return () => {
      isCurrent = false;
    };
  }, [view, key]);
  return {
    data: state.data,
    error: state.error,
    isLoading: state.key !== key,
    retry: () => setAttempt((a) => a + 1),
  };
}

export function DashboardPage() {
  const { m, say, sayCount, locale } = useAnalyticsText();
  const word = useWord();
  const { nameOf } = useTaxonomy();
  const toast = useToast();
  const [view, setView] = useView();
  const { data, error, isLoading, retry } = useDashboard(view);
  const [branches, setBranches] = useState<string[]>([]);
  useEffect(() => {
    invoke('branches:list')
      .then((r) => setBranches(r.branches.map((b) => b.code)))
      .catch(() => undefined);
  }, []);
  const context: ChartContext = useMemo(
    () => ({
      locale,
      codeLabel: (scheme, code) => (nameOf(scheme, code) === code ? code : `${code} ${nameOf(scheme, code)}`),
    }),
    [locale, nameOf],
  );
  const drill = useCallback(
    async (element: DrillElement) => {
      try {
        const result = await invoke('analytics:drill-down', { ...view, element });
        window.location.hash = casesHashFor(result.filter);
      } catch (e) {
        toast.showError(e);
      }
    },
    [view, toast],
  );
  const setKeyword = useCallback(
    (text: string) => setView({ ...view, filter: { ...view.filter, text: text.trim() || undefined } }),
    [view, setView],
  );
  const charts = useMemo(() => (data ? dashboardCharts(data, context) : []), [data, context]);
  const [isDenominatorsOpen, setDenominatorsOpen] = useState(false);

  return (
    <div className="analytics-screen" data-testid="analytics-screen">
      <div className="analytics-head">
        <h1>{m.title}</h1>
        {data && (
          <span className="analytics-muted" data-testid="analytics-range">
            {say(m.range, data.range)} · {sayCount(m, 'total', data.total)}
          </span>
        )}
        {isLoading && <Spinner label={m.loading} />}
        <span className="analytics-spacer" />
        <KeywordSearch value={view.filter.text ?? ''} onApply={setKeyword} />
        <Button onClick={() => setDenominatorsOpen(true)} data-testid="open-denominators">
          {m.denominators.open}
        </Button>
        <ExportButtons view={view} />
      </div>
      <AnalyticsFilterBar view={view} branches={branches} onChange={setView} />
      {isDenominatorsOpen && (
        <DenominatorsDialog
          branches={branches}
          onClose={() => {
            setDenominatorsOpen(false);
            retry();
          }}
        />
      )}
      {error && <ErrorBox message={say(m.loadFailed, { message: word(error) })} onRetry={retry} />}
      {data && (
        <>
          <Kpis data={data} />
          <p className="analytics-muted">{m.drillHint}</p>
          <div className="analytics-grid">
            {charts.map(({ id, spec, isWide }) => (
              <section key={id} className={`analytics-card${isWide ? ' wide' : ''}`}>
                <EChart spec={spec} onDrill={(e) => void drill(e)} testId={`chart-${id}`} />
              </section>
            ))}
            <RepeatsTable result={data.repeats} context={context} onDrill={(e) => void drill(e)} />
            <RegulatorTable result={data.regulator} context={context} onDrill={(e) => void drill(e)} />
            <CaseWorkStatsCards view={view} />
          </div>
        </>
      )}
    </div>
  );
}

function dashboardCharts(
  d: Dashboard,
  context: ChartContext,
): { id: string; spec: ChartSpec; isWide?: boolean }[] {
  return [
    { id: 'trend', spec: trendChart(d.trends, context), isWide: true },
    { id: 'pareto', spec: paretoChart(d.pareto, context) },
    { id: 'emerging', spec: emergingChart(d.emerging, context) },
    { id: 'on-time', spec: onTimeChart(d.timeliness, context) },
    { id: 'handling-days', spec: handlingDaysChart(d.timeliness, context) },
    { id: 'deadlines', spec: deadlinesChart(d.timeliness, 'handler', context) },
    { id: 'resolutions', spec: resolutionsChart(d.outcomes, context) },
    { id: 'satisfaction', spec: satisfactionChart(d.outcomes, context) },
    { id: 'comparison-branch', spec: comparisonChart(d.comparison, 'branch', context) },
    { id: 'comparison-business', spec: comparisonChart(d.comparison, 'business', context) },
  ];
}

function Kpis({ data }: { data: Dashboard }) {
  const { m } = useAnalyticsText();
  const items = [
    { label: m.kpi.total, value: data.total.toLocaleString() },
    { label: m.kpi.onTimeRate, value: percent(data.timeliness.onTimeRate) },
    { label: m.kpi.averageDays, value: data.timeliness.averageHandlingDays?.toFixed(1) ?? '—' },
    { label: m.kpi.satisfactionRate, value: percent(data.outcomes.satisfactionRate) },
    { label: m.kpi.reviewRate, value: percent(data.outcomes.reviewRate) },
    { label: m.kpi.repeatCases, value: String(data.repeats.repeatCaseCount) },
    {
      label: m.kpi.amountPaid,
      value: `¥${(data.outcomes.amountPaidFen / 100).toLocaleString(undefined, { minimumFractionDigits: 2 })}`,
    },
  ];
  return (
    <div className="analytics-kpis" data-testid="analytics-kpis">
      {items.map((k) => (
        <div key={k.label} className="analytics-kpi">
          <span>{k.label}</span>
          <b>{k.value}</b>
        </div>
      ))}
    </div>
  );
}
