import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { useTaxonomy } from '../../app/taxonomy';
import { routeHref } from '../../app/router';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { EmptyState } from '../../ui/status-indicators';
import { useToast } from '../../ui/Toast';
import type { DisposalList } from './RetentionScreen';

/** Cases past retention; the ones free to go can be ticked and proposed as one batch. */
export function DueForDisposal({ list, onChanged }: { list: DisposalList; onChanged: () => void }) {
  const { t } = useTranslation('disposal');
  const toast = useToast();
  const { nameOf } = useTaxonomy();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [note, setNote] = useState('');
  const free = list.items.filter((item) => !item.isHeld && item.batchId === null);
  const toggle = (caseId: string) => {
    const next = new Set(selected);
    if (next.has(caseId)) next.delete(caseId);
    else next.add(caseId);
    setSelected(next);
  };
  async function propose() {
    try {
      const batch = await invoke('disposal:propose', {
        kind: 'retention',
        caseIds: [...selected],
        reason: note,
      });
      toast.show((tr) => tr('disposal:due.proposed', { count: batch.items.length }));
      setSelected(new Set());
      setNote('');
      onChanged();
    } catch (error) {
      toast.showError(error);
    }
  }
  return (
    <section className="panel" aria-labelledby="retention-due" data-testid="retention-due">
      <h2 id="retention-due">{t('due.title')}</h2>
      {list.total === 0 ? (
        <EmptyState title={t('due.empty')} />
      ) : (
        <>
          <p className="muted">{t('due.summary', { total: list.total, today: list.today })}</p>
          <table className="table">
            <thead>
              <tr>
                <th>
                  <input
                    type="checkbox"
                    aria-label={t('due.selectAll')}
                    checked={free.length > 0 && free.every((item) => selected.has(item.caseId))}
                    onChange={(event) =>
                      setSelected(new Set(event.target.checked ? free.map((item) => item.caseId) : []))
                    }
                  />
                </th>
                <th>{t('due.caseNo')}</th>
                <th>{t('due.business')}</th>
                <th>{t('due.category')}</th>
                <th>{t('due.closed')}</th>
                <th>{t('due.until')}</th>
                <th>{t('due.state')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <tr key={item.caseId}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('due.select', { caseNo: item.caseNo })}
                      disabled={item.isHeld || item.batchId !== null}
                      checked={selected.has(item.caseId)}
                      onChange={() => toggle(item.caseId)}
                    />
                  </td>
                  <td className="mono">
                    <a href={routeHref({ name: 'case', id: item.caseId })}>{item.caseNo}</a>
                  </td>
                  <td title={item.businessCode}>{nameOf('B', item.businessCode)}</td>
                  <td>{t(`retentionClasses.${item.retentionClass}`)}</td>
                  <td>{item.closedDate}</td>
                  <td>{item.retainUntil}</td>
                  <td>{item.isHeld ? t('due.held') : item.batchId ? t('due.inBatch') : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="retention-propose">
            <Field label={t('due.note')}>
              <input value={note} maxLength={2000} onChange={(event) => setNote(event.target.value)} />
            </Field>
            <Button
              variant="primary"
              disabled={selected.size === 0}
              onClick={() => void propose()}
              data-testid="retention-propose"
            >
              {t('due.propose', { count: selected.size })}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
