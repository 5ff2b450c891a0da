import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgGridReact } from 'ag-grid-react';
import {
  themeQuartz,
  type IDatasource,
  type IGetRowsParams,
  type RowSelectionOptions,
} from 'ag-grid-community';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { invoke } from '../../api';
import type { CaseFilter, CaseListRow } from '../../../shared/domain/case-query';
import type { CaseStatus } from '../../../shared/domain/status';
import { navigate } from '../../app/router';
import { useTaxonomy } from '../../app/taxonomy';
import { EmptyState, ErrorBox } from '../../ui/status-indicators';
import { StatusChipLabel } from '../../ui/StatusChip';
import { buildCaseColumns, caseRowClassRules, type TaxonomyScheme } from './cases.columns';
import { combineFilters, fromGridFilterModel, toCaseSort, type CaseSort } from './cases.filter';
import { errorWording, useWord, type Wording } from '../../ui/wording';

const gridTheme = themeQuartz.withParams({
  accentColor: '#1d5fbf',
  fontFamily: ['Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'],
  fontSize: 13,
  headerBackgroundColor: '#f4f6f8',
  rowHeight: 36,
  headerHeight: 38,
  wrapperBorderRadius: 6,
});

const SINGLE_ROW: RowSelectionOptions = { mode: 'singleRow', checkboxes: false, enableClickSelection: true };

/** The status column's label comes from its valueFormatter, translated once per cell value. */
function StatusCell({ value, valueFormatted }: { value?: CaseStatus; valueFormatted?: string | null }) {
  return value ? <StatusChipLabel status={value} label={valueFormatted ?? value} /> : null;
}

export interface CasesGridProps {
  filter: CaseFilter;
  defaultSort: CaseSort;
  hiddenColumns: string[];
  onTotal(total: number | null): void;
  /** The row the user selected (a click, or the keyboard's focus), for the preview; null when none. */
  onSelect(row: CaseListRow | null): void;
  /** The filter the server applies (the screen's and the column filters'): what an export writes. */
  onQuery(filter: CaseFilter): void;
}

/**
 * The sort a block asks for: the header the user clicked; else, while a quick search is typed, none
 * (the server then lists matches newest registered first, straight from the full-text index, which
 * answers in milliseconds at a million cases); else the view's own sort.
 */
function blockSort(
  sortModel: IGetRowsParams['sortModel'],
  filter: CaseFilter,
  defaultSort: CaseSort,
): CaseSort {
  if (sortModel.length > 0) return toCaseSort(sortModel);
  return filter.text?.trim() ? [] : defaultSort;
}

/** The server-paged grid: blocks of 100 rows, sorted and filtered by the server. */
export function CasesGrid({
  filter,
  defaultSort,
  hiddenColumns,
  onTotal,
  onSelect,
  onQuery,
}: CasesGridProps) {
  const { t, i18n } = useTranslation('cases');
  const word = useWord();
  const { nameOf } = useTaxonomy();
  // AG Grid's own texts (filter menus, "loading"): its published translations, following our language.
  const isEnglish = i18n.language.startsWith('en');
  const [failure, setFailure] = useState<Wording>('');
  const [isEmpty, setEmpty] = useState(false);
  const columnDefs = useMemo(
    () =>
      buildCaseColumns(
        {
          t: (key, params) => t(key, params ?? {}),
          taxonomyName: (scheme: TaxonomyScheme, code) => nameOf(scheme, code),
          statusRenderer: StatusCell,
        },
        hiddenColumns,
      ),
    [t, nameOf, hiddenColumns],
  );
  // A new datasource object makes the grid drop its cache and ask again from row 0.
  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams) {
        const combined = combineFilters(filter, fromGridFilterModel(params.filterModel));
        onQuery(combined);
        const query = {
          filter: combined,
          sort: blockSort(params.sortModel, combined, defaultSort),
          startRow: params.startRow,
          endRow: params.endRow,
        };
        invoke('cases:list-page', query)
          .then((page) => {
            setFailure('');
            setEmpty(page.total === 0);
            onTotal(page.total);
            params.successCallback(page.rows, page.total);
          })
          .catch((error: unknown) => {
            setFailure(() => errorWording(error));
            onTotal(null);
            params.failCallback();
          });
      },
    }),
    [filter, defaultSort, onTotal, onQuery],
  );
  return (
    <div className="cases-grid-wrap" data-testid="cases-grid">
      {failure ? <ErrorBox message={t('grid.loadFailed', { message: word(failure) })} /> : null}
      <div className="cases-grid">
        <AgGridReact<CaseListRow>
          // The grid reads its locale once, when it is created: a new key re-creates it on a switch.
          key={isEnglish ? 'en' : 'zh-CN'}
          localeText={isEnglish ? AG_GRID_LOCALE_EN : AG_GRID_LOCALE_CN}
          theme={gridTheme}
          rowModelType="infinite"
          // Rows rendered beyond the visible ones (AG Grid's default is 10 each way). A jump through
          // a million rows replaces every rendered row; fewer spare rows halve the page's work per
          // jump, and the next block is still fetched before its rows scroll into view.
          rowBuffer={4}
          cacheBlockSize={100}
          maxBlocksInCache={20}
          datasource={datasource}
          columnDefs={columnDefs}
          defaultColDef={{ sortable: true, resizable: true, suppressHeaderMenuButton: false }}
          getRowId={(p) => p.data.id}
          // Our own empty state (localised, with a hint) replaces AG Grid's English overlay.
          suppressNoRowsOverlay
          // Thirteen columns render cheaply; keeping them all in the DOM helps screen readers and tests.
          suppressColumnVirtualisation
          rowClassRules={caseRowClassRules}
          // A click selects (and previews) a row; Enter or a double-click opens the case.
          rowSelection={SINGLE_ROW}
          onSelectionChanged={(event) => onSelect(event.api.getSelectedRows()[0] ?? null)}
          // Arrow keys move the focus row by row: the selection (and so the preview) follows it.
          onCellFocused={(event) => {
            if (typeof event.rowIndex !== 'number' || event.rowPinned) return;
            event.api.getDisplayedRowAtIndex(event.rowIndex)?.setSelected(true, true);
          }}
          onRowDoubleClicked={(event) => event.data && navigate({ name: 'case', id: event.data.id })}
          onCellKeyDown={(event) => {
            const key = (event.event as KeyboardEvent | null)?.key;
            if (key === 'Enter' && event.data) navigate({ name: 'case', id: event.data.id });
          }}
        />
        {isEmpty ? (
          <div className="cases-grid-empty">
            <EmptyState title={t('grid.empty')}>{t('grid.emptyHint')}</EmptyState>
          </div>
        ) : null}
      </div>
    </div>
  );
}
