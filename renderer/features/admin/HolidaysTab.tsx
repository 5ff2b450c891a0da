import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { branchToday } from '../../ui/format';
import { EmptyState, ErrorBox, Loading } from '../../ui/status-indicators';
import { useToast } from '../../ui/Toast';
import { useLoad } from './use-load';

export function HolidaysTab() {
  const { t } = useTranslation('admin');
  const toast = useToast();
  const [year, setYear] = useState(() => Number(branchToday().slice(0, 4)));
  const { data, error, reload } = useLoad(
    useCallback(() => invoke('holidays:list', { from: `${year}-01-01`, to: `${year}-12-31` }), [year]),
  );
  const [draft, setDraft] = useState({ date: '', name: '', isWorkday: false });
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      reload();
    } catch (failure) {
      toast.showError(failure);
    }
  };
  return (
    <section className="panel">
      <div className="add-row">
        <Field label={t('holidays.year')}>
          <input
            type="number"
            value={year}
            onChange={(e) => setYear(Number(e.target.value))}
            style={{ width: 100 }}
          />
        </Field>
      </div>
      {error ? <ErrorBox message={error} onRetry={reload} /> : null}
      {!data ? (
        <Loading />
      ) : data.holidays.length === 0 ? (
        <EmptyState title={t('holidays.empty')} />
      ) : (
        <table className="table" style={{ marginTop: 12 }}>
          <thead>
            <tr>
              <th>{t('holidays.date')}</th>
              <th>{t('holidays.name')}</th>
              <th>{t('holidays.isWorkday')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.holidays.map((h) => (
              <tr key={h.date}>
                <td className="mono">{h.date}</td>
                <td>{h.name}</td>
                <td>{h.isWorkday ? t('common:common.yes') : t('common:common.no')}</td>
                <td>
                  <Button isSmall onClick={() => void run(() => invoke('holidays:remove', { date: h.date }))}>
                    {t('holidays.remove')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="add-row" style={{ marginTop: 16 }}>
        <Field label={t('holidays.date')}>
          <input
            type="date"
            value={draft.date}
            onChange={(e) => setDraft({ ...draft, date: e.target.value })}
          />
        </Field>
        <Field label={t('holidays.name')}>
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.isWorkday}
            onChange={(e) => setDraft({ ...draft, isWorkday: e.target.checked })}
          />
          {t('holidays.isWorkday')}
        </label>
        <Button variant="primary" onClick={() => void run(() => invoke('holidays:set', draft))}>
          {t('holidays.add')}
        </Button>
      </div>
    </section>
  );
}
