import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { invoke } from '../../api';
import { useSession } from '../../app/session';
import type { CaseFilter, CaseListRow } from '../../../shared/domain/case-query';
import { DEFAULT_VIEW, filterFromHash } from '../analytics/analytics.url';
import { ExportButtons } from '../analytics/ExportButtons';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { branchToday } from '../../ui/format';
import { useToast } from '../../ui/Toast';
import { DEFAULT_HIDDEN_COLUMNS } from './cases.columns';
import { combineFilters, fromFilterBar, toFilterBar, type FilterBarState } from './cases.filter';
import {
  allCasesView,
  builtInViews,
  fromStoredDefinition,
  splitViewFilter,
  toStoredDefinition,
  type GridView,
} from './cases.views';
import { CasePreview } from './CasePreview';
import { CasesGrid } from './CasesGrid';
import { ColumnChooser } from './ColumnChooser';
import { FilterBar } from './FilterBar';
import { ViewTabs } from './ViewTabs';
import { failureWording, type Wording } from '../../ui/wording';
import './cases.css';

const GRID_FORMATS = ['xlsx', 'csv'] as const;

function sameFilter(a: CaseFilter, b: CaseFilter): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function useViews() {
  const { user, epoch } = useSession();
  const [own, setOwn] = useState<GridView[]>([]);
  const [today] = useState(branchToday);
  const reload = useCallback(() => {
    invoke('views:list')
      .then((result) =>
        setOwn(
          // The screen defines the built-in views itself (they depend on today and the user).
          result.views
            .filter((v) => !v.isBuiltIn)
            .map((v) => ({ id: v.id, name: v.name, isBuiltIn: false, definition: fromStoredDefinition(v) })),
        ),
      )
      .catch(() => undefined);
  }, []);
  useEffect(reload, [reload, epoch]);
  const views = useMemo(
    () => [...builtInViews(user.userId, today), allCasesView(), ...own],
    [user.userId, today, own],
  );
  return { views, reload };
}

export function CasesScreen() {
  const { t } = useTranslation('cases');
  const toast = useToast();
  const { views, reload } = useViews();
  // Arriving from a chart: the drill-down filter replaces the default view, and no tab is selected.
  const [drill] = useState(() => filterFromHash(window.location.hash));
  const [activeId, setActiveId] = useState(drill ? 'drill' : 'all-open');
  const initial: GridView = drill
    ? { id: 'drill', isBuiltIn: true, definition: { filter: drill, sort: [], hiddenColumns: [] } }
    : (views[0] as GridView);
  const [hiddenFilter, setHiddenFilter] = useState(() => splitViewFilter(initial.definition.filter).rest);
  const [bar, setBar] = useState<FilterBarState>(() =>
    toFilterBar(splitViewFilter(initial.definition.filter).bar),
  );
  const [sort, setSort] = useState(initial.definition.sort);
  const [hidden, setHidden] = useState<string[]>([...DEFAULT_HIDDEN_COLUMNS]);
  const [total, setTotal] = useState<number | null>(null);
  const [isSaving, setSaving] = useState(false);
  const [selection, setSelection] = useState<{ row: CaseListRow; filter: CaseFilter } | null>(null);
  const [query, setQuery] = useState<CaseFilter>({});
  const filter = useMemo(() => combineFilters(hiddenFilter, fromFilterBar(bar)), [hiddenFilter, bar]);
  // A new filter lists other rows: the preview of a row selected under the old one goes.
  const selected = selection?.filter === filter ? selection.row : null;
  const select = (row: CaseListRow | null) => setSelection(row ? { row, filter } : null);
  const onQuery = useCallback(
    (next: CaseFilter) => setQuery((current) => (sameFilter(current, next) ? current : next)),
    [],
  );
  const exportView = useMemo(() => ({ ...DEFAULT_VIEW, filter: query }), [query]);

  function selectView(view: GridView) {
    const parts = splitViewFilter(view.definition.filter);
    setActiveId(view.id);
    setHiddenFilter(parts.rest);
    setBar(toFilterBar(parts.bar));
    setSort(view.definition.sort);
    setHidden(
      view.definition.hiddenColumns.length > 0 ? view.definition.hiddenColumns : [...DEFAULT_HIDDEN_COLUMNS],
    );
  }
  async function deleteView(view: GridView) {
    await invoke('views:delete', { id: view.id }).catch((error: Error) => toast.showError(error));
    reload();
    selectView(views[0] as GridView);
  }
  const onTotal = useCallback((next: number | null) => setTotal(next), []);
  return (
    <div className="cases-screen">
      <div className="cases-head">
        <h1>{t('title')}</h1>
        <span className="cases-total" data-testid="cases-total">
          {total === null ? '' : t('total', { count: total })}
        </span>
        <span className="spacer" />
        <ExportButtons view={exportView} scope="grid" formats={GRID_FORMATS} fileStem={t('exportFileStem')} />
        <ColumnChooser hidden={hidden} onChange={setHidden} />
      </div>
      <ViewTabs
        views={views}
        activeId={activeId}
        onSelect={selectView}
        onSaveAs={() => setSaving(true)}
        onDelete={(v) => void deleteView(v)}
      />
      <FilterBar value={bar} onChange={setBar} />
      {hiddenFilter.importedFile ? (
        <p className="import-filter" data-testid="import-filter">
          <span>{t('importFilter.label')}</span>
          <Button isSmall onClick={() => setHiddenFilter(({ importedFile: _dropped, ...rest }) => rest)}>
            {t('importFilter.clear')}
          </Button>
        </p>
      ) : null}
      <div className="cases-body">
        <CasesGrid
          filter={filter}
          defaultSort={sort}
          hiddenColumns={hidden}
          onTotal={onTotal}
          onSelect={select}
          onQuery={onQuery}
        />
        <CasePreview row={selected} onClose={() => setSelection(null)} />
      </div>
      {isSaving ? (
        <SaveViewDialog
          onClose={() => setSaving(false)}
          onSave={async (name) => {
            const saved = await invoke('views:save', {
              name,
              ...toStoredDefinition({ filter, sort, hiddenColumns: hidden }),
            });
            toast.show((tr) => tr('cases:views.saved', { name }));
            setSaving(false);
            reload();
            setActiveId(saved.id);
          }}
        />
      ) : null}
    </div>
  );
}

function SaveViewDialog({ onClose, onSave }: { onClose(): void; onSave(name: string): Promise<void> }) {
  const { t } = useTranslation('cases');
  const [name, setName] = useState('');
  const [error, setError] = useState<Wording>('');
  const save = () => {
    if (!name.trim()) return setError(() => (tr: TFunction) => tr('common:common.required'));
    onSave(name.trim()).catch((failure: unknown) => setError(() => failureWording(failure, 'name')));
  };
  return (
    <Dialog
      title={t('views.saveAsTitle')}
      onClose={onClose}
      testId="save-view-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common:common.cancel')}</Button>
          <Button variant="primary" onClick={save}>
            {t('common:common.save')}
          </Button>
        </>
      }
    >
      <Field label={t('views.name')} error={error}>
        <input
          name="viewName"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && save()}
        />
      </Field>
    </Dialog>
  );
}
