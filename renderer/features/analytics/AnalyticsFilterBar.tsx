import {
  DATE_BASES,
  DENOMINATOR_KINDS,
  GRANULARITIES,
  SPLIT_DIMENSIONS,
  type DashboardRequest,
} from '../../../shared/domain/analytics';
import { useTaxonomy } from '../../app/taxonomy';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { MultiSelect } from '../../ui/MultiSelect';
import { DEFAULT_VIEW } from './analytics.url';
import { useAnalyticsText } from './use-analytics-text';

interface Props {
  view: DashboardRequest;
  branches: string[];
  onChange: (next: DashboardRequest) => void;
}

/** The dashboard's filter: date range on the chosen basis, period, split, branch, business, normalisation. */
export function AnalyticsFilterBar({ view, branches, onChange }: Props) {
  const { m, sayCount } = useAnalyticsText();
  const { codes, nameOf } = useTaxonomy();
  const isReceived = view.dateBasis === 'received';
  const from = (isReceived ? view.filter.receivedFrom : view.filter.closedFrom) ?? '';
  const to = (isReceived ? view.filter.receivedTo : view.filter.closedTo) ?? '';
  const setRange = (nextFrom: string, nextTo: string) => {
    const { receivedFrom: _rf, receivedTo: _rt, closedFrom: _cf, closedTo: _ct, ...rest } = view.filter;
    const range = isReceived
      ? { receivedFrom: nextFrom || undefined, receivedTo: nextTo || undefined }
      : { closedFrom: nextFrom || undefined, closedTo: nextTo || undefined };
    onChange({ ...view, filter: { ...rest, ...range } });
  };
  const setList = (key: 'branchCodes' | 'businessCodes', values: string[]) =>
    onChange({ ...view, filter: { ...view.filter, [key]: values.length > 0 ? values : undefined } });
  const businessOptions = codes
    .filter((c) => c.scheme === 'B' && c.level === 1)
    .map((c) => ({ value: c.code, label: `${c.code} ${nameOf('B', c.code)}` }));
  return (
    <div className="filter-bar analytics-filter" data-testid="analytics-filter">
      <Field label={m.filter.dateBasis}>
        <select
          value={view.dateBasis}
          onChange={(e) => onChange({ ...view, dateBasis: e.target.value as DashboardRequest['dateBasis'] })}
          data-testid="analytics-date-basis"
        >
          {DATE_BASES.map((b) => (
            <option key={b} value={b}>
              {m.dateBases[b]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={m.filter.from}>
        <input
          type="date"
          value={from}
          onChange={(e) => setRange(e.target.value, to)}
          data-testid="analytics-from"
        />
      </Field>
      <Field label={m.filter.to}>
        <input
          type="date"
          value={to}
          onChange={(e) => setRange(from, e.target.value)}
          data-testid="analytics-to"
        />
      </Field>
      <Field label={m.filter.granularity}>
        <select
          value={view.granularity}
          onChange={(e) =>
            onChange({ ...view, granularity: e.target.value as DashboardRequest['granularity'] })
          }
          data-testid="analytics-granularity"
        >
          {GRANULARITIES.map((g) => (
            <option key={g} value={g}>
              {m.granularities[g]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={m.filter.splitBy}>
        <select
          value={view.splitBy}
          onChange={(e) => onChange({ ...view, splitBy: e.target.value as DashboardRequest['splitBy'] })}
          data-testid="analytics-split"
        >
          {SPLIT_DIMENSIONS.map((s) => (
            <option key={s} value={s}>
              {m.splits[s]}
            </option>
          ))}
        </select>
      </Field>
      <MultiSelect
        label={m.filter.branch}
        options={branches.map((b) => ({ value: b, label: b }))}
        selected={view.filter.branchCodes ?? []}
        onChange={(next) => setList('branchCodes', next)}
        anyLabel={m.filterFields.branchCodes}
        selectedLabel={(count) => sayCount(m.filterFields, 'count', count)}
        testId="analytics-branches"
      />
      <MultiSelect
        label={m.filter.business}
        options={businessOptions}
        selected={view.filter.businessCodes ?? []}
        onChange={(next) => setList('businessCodes', next)}
        anyLabel={m.filterFields.businessCodes}
        selectedLabel={(count) => sayCount(m.filterFields, 'count', count)}
        testId="analytics-business"
      />
      <Field label={m.filter.denominator}>
        <select
          value={view.denominatorKind}
          onChange={(e) =>
            onChange({ ...view, denominatorKind: e.target.value as DashboardRequest['denominatorKind'] })
          }
        >
          {DENOMINATOR_KINDS.map((k) => (
            <option key={k} value={k}>
              {m.denominatorKinds[k]}
            </option>
          ))}
        </select>
      </Field>
      <Button onClick={() => onChange(DEFAULT_VIEW)}>{m.filter.reset}</Button>
    </div>
  );
}
