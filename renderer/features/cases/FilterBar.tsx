import { useTranslation } from 'react-i18next';
import { CASE_STATUSES } from '../../../shared/domain/status';
import { useTaxonomy } from '../../app/taxonomy';
import { Button } from '../../ui/Button';
import { MultiSelect } from '../../ui/MultiSelect';
import { useDebouncedInput } from '../../ui/use-debounced-input';
import { EMPTY_FILTER_BAR, type FilterBarState } from './cases.filter';

/** Quick search waits for a pause in typing so each keystroke does not start a query. */
export const SEARCH_DEBOUNCE_MS = 250;

export function FilterBar({
  value,
  onChange,
}: {
  value: FilterBarState;
  onChange(next: FilterBarState): void;
}) {
  const { t } = useTranslation('cases');
  const { codes, nameOf } = useTaxonomy();
  const applyText = (text: string) => onChange({ ...value, text });
  const search = useDebouncedInput(value.text, applyText, SEARCH_DEBOUNCE_MS);
  const topLevel = (scheme: 'B' | 'C') =>
    codes
      .filter((c) => c.scheme === scheme && c.level === 1 && c.retiredAt === null)
      .map((c) => ({ value: c.code, label: nameOf(scheme, c.code) }));
  const multi = {
    anyLabel: t('filter.anyCode'),
    selectedLabel: (count: number) => t('filter.selected', { count }),
  };
  return (
    <div className="filter-bar" role="search">
      <div className="field search">
        <span className="field-label">{t('filter.search')}</span>
        <input
          className="input"
          type="search"
          {...search.inputProps}
          data-testid="quick-search"
          aria-label={t('filter.search')}
        />
      </div>
      <MultiSelect
        label={t('filter.status')}
        options={CASE_STATUSES.map((s) => ({ value: s, label: t(`common:statuses.${s}`) }))}
        selected={value.statuses}
        onChange={(statuses) => onChange({ ...value, statuses: statuses as FilterBarState['statuses'] })}
        {...multi}
        anyLabel={t('filter.anyStatus')}
        testId="filter-status"
      />
      <MultiSelect
        label={t('filter.business')}
        options={topLevel('B')}
        selected={value.businessCodes}
        onChange={(businessCodes) => onChange({ ...value, businessCodes })}
        {...multi}
      />
      <MultiSelect
        label={t('filter.cause')}
        options={topLevel('C')}
        selected={value.causeCodes}
        onChange={(causeCodes) => onChange({ ...value, causeCodes })}
        {...multi}
      />
      <div className="field">
        <span className="field-label">{t('filter.receivedFrom')}</span>
        <input
          className="input"
          type="date"
          value={value.receivedFrom}
          onChange={(e) => onChange({ ...value, receivedFrom: e.target.value })}
          aria-label={t('filter.receivedFrom')}
        />
      </div>
      <div className="field">
        <span className="field-label">{t('filter.receivedTo')}</span>
        <input
          className="input"
          type="date"
          value={value.receivedTo}
          onChange={(e) => onChange({ ...value, receivedTo: e.target.value })}
          aria-label={t('filter.receivedTo')}
        />
      </div>
      <div className="field">
        <span className="field-label">{t('filter.deadline')}</span>
        <select
          className="input"
          value={value.deadline}
          onChange={(e) => onChange({ ...value, deadline: e.target.value as FilterBarState['deadline'] })}
          aria-label={t('filter.deadline')}
          data-testid="filter-deadline"
        >
          <option value="">{t('filter.deadlineAny')}</option>
          <option value="overdue">{t('filter.overdue')}</option>
          <option value="due_soon">{t('filter.dueSoon')}</option>
        </select>
      </div>
      <Button onClick={() => onChange(EMPTY_FILTER_BAR)}>{t('filter.clear')}</Button>
    </div>
  );
}
