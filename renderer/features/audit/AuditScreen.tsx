import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import {
  ACCESS_ACTIONS,
  ARCHIVE_EVENT_TYPES,
  foldRepeatedReads,
  type AuditQuery,
} from '../../../shared/domain/audit';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { saveDownload } from '../../file-transfer';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { formatLocalDateTime } from '../../ui/format';
import { EmptyState, ErrorBox } from '../../ui/status-indicators';
import { useToast } from '../../ui/Toast';
import { BorrowApprovalsPanel } from '../borrowing/BorrowApprovalsPanel';
import { errorWording, type Wording } from '../../ui/wording';
import './audit.css';

type AuditPage = ResponseOf<'audit:list'>;
const EMPTY_FILTER = { userId: '', caseNo: '', action: '', from: '', to: '' };
const PAGE_ROWS = 200;

/** Filled fields only: an empty select or date means "any". */
function queryOf(filter: typeof EMPTY_FILTER): AuditQuery {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== '')) as AuditQuery;
}

function useActionLabel() {
  const { t, i18n } = useTranslation('records');
  return (action: string) =>
    i18n.exists(`audit:actions.${action}`)
      ? t(`audit:actions.${action}`)
      : i18n.exists(`auth:events.${action}`)
        ? t(`auth:events.${action}`)
        : action;
}

export function AuditScreen() {
  const { t } = useTranslation('records');
  const toast = useToast();
  const label = useActionLabel();
  const [users, setUsers] = useState<ResponseOf<'users:list'>['users']>([]);
  const [filter, setFilter] = useState(EMPTY_FILTER);
  const [page, setPage] = useState<AuditPage | null>(null);
  const [failure, setFailure] = useState<Wording>('');
  const [shown, setShown] = useState(EMPTY_FILTER);
  const search = useCallback((next: typeof EMPTY_FILTER, before: AuditPage | null = null) => {
    const offset = before?.rows.length ?? 0;
    invoke('audit:list', { ...queryOf(next), limit: PAGE_ROWS, offset })
      .then((result) => {
        setPage(before ? { ...result, rows: [...before.rows, ...result.rows] } : result);
        setShown(next);
        setFailure('');
      })
      .catch((error: unknown) => setFailure(() => errorWording(error)));
  }, []);
  useEffect(() => {
    search(EMPTY_FILTER);
    invoke('users:list')
      .then((result) => setUsers(result.users))
      .catch(() => setUsers([]));
  }, [search]);
  async function exportXlsx() {
    try {
      const result = await saveDownload(
        { suggestedName: 'redress-audit.xlsx', extensions: ['xlsx'] },
        (target) => invoke('audit:export-xlsx', { target: target.handle, query: queryOf(filter) }),
      );
      if (result)
        toast.show((tr) => tr('records:audit.exported', { count: result.rowCount, file: result.fileName }));
    } catch (error) {
      toast.showError(error);
    }
  }
  const set = (key: keyof typeof EMPTY_FILTER) => (event: { target: { value: string } }) =>
    setFilter({ ...filter, [key]: event.target.value });
  return (
    <div className="audit" data-testid="audit-screen">
      <h1>{t('audit.title')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      <BorrowApprovalsPanel />
      <form
        className="audit-filter panel"
        onSubmit={(event) => {
          event.preventDefault();
          search(filter);
        }}
      >
        <Field label={t('audit.user')}>
          <select name="userId" value={filter.userId} onChange={set('userId')}>
            <option value="">{t('audit.anyUser')}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('audit.caseNo')}>
          <input name="caseNo" value={filter.caseNo} onChange={set('caseNo')} />
        </Field>
        <Field label={t('audit.action')}>
          <select name="action" value={filter.action} onChange={set('action')}>
            <option value="">{t('audit.anyAction')}</option>
            {[...ACCESS_ACTIONS, ...ARCHIVE_EVENT_TYPES].map((a) => (
              <option key={a} value={a}>
                {label(a)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('audit.from')}>
          <input type="date" name="from" value={filter.from} onChange={set('from')} />
        </Field>
        <Field label={t('audit.to')}>
          <input type="date" name="to" value={filter.to} onChange={set('to')} />
        </Field>
        <div className="row audit-buttons">
          <Button type="submit" variant="primary" data-testid="audit-search">
            {t('audit.search')}
          </Button>
          <Button onClick={() => void exportXlsx()} data-testid="audit-export">
            {t('audit.export')}
          </Button>
        </div>
      </form>
      {failure ? <ErrorBox message={failure} onRetry={() => search(filter)} /> : null}
      {page ? <AuditTable page={page} label={label} onMore={() => search(shown, page)} /> : null}
    </div>
  );
}

function AuditTable({
  page,
  label,
  onMore,
}: {
  page: AuditPage;
  label: (action: string) => string;
  onMore: () => void;
}) {
  const { t } = useTranslation('records');
  if (page.rows.length === 0) return <EmptyState title={t('audit.empty')} />;
  const lines = foldRepeatedReads(page.rows);
  return (
    <section className="panel">
      <p className="muted" data-testid="audit-total">
        {lines.length < page.rows.length
          ? t('audit.totalFolded', { count: page.total, lines: lines.length })
          : t('audit.total', { count: page.total })}
      </p>
      <table className="table" data-testid="audit-table">
        <thead>
          <tr>
            <th>{t('audit.at')}</th>
            <th>{t('audit.user')}</th>
            <th>{t('audit.action')}</th>
            <th>{t('audit.caseNo')}</th>
            <th>{t('audit.installation')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map(({ row, count, firstAt }, index) => (
            <tr key={`${row.at}-${index}`} data-count={count}>
              <td>{timeSpan(firstAt, row.at)}</td>
              <td>{row.userName ?? row.userId ?? '—'}</td>
              <td>
                {count > 1 ? t('audit.repeated', { action: label(row.action), count }) : label(row.action)}
              </td>
              <td className="mono">{row.caseNo ?? '—'}</td>
              <td className="mono" title={row.installationId}>
                {row.terminal}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.rows.length < page.total ? (
        <div className="row audit-more">
          <Button onClick={onMore} data-testid="audit-more">
            {t('audit.more')}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

/** A run of repeated reads shows from its first to its last; the same day is not written twice. */
function timeSpan(firstAt: number, lastAt: number): string {
  const first = formatLocalDateTime(firstAt);
  const last = formatLocalDateTime(lastAt);
  if (first === last) return last;
  return first.slice(0, 10) === last.slice(0, 10) ? `${first} – ${last.slice(11)}` : `${first} – ${last}`;
}
