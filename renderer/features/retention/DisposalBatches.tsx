import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { useSession } from '../../app/session';
import { saveDownload } from '../../file-transfer';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { formatLocalDateTime } from '../../ui/format';
import { EmptyState } from '../../ui/status-indicators';
import { useToast } from '../../ui/Toast';
import type { DisposalBatch } from './RetentionScreen';

/** The batches: a second person approves or refuses; a disposed batch gives its certificate. */
export function DisposalBatches({ batches, onChanged }: { batches: DisposalBatch[]; onChanged: () => void }) {
  const { t, i18n } = useTranslation('disposal');
  const { user } = useSession();
  const toast = useToast();
  const [approving, setApproving] = useState<DisposalBatch | null>(null);
  async function refuse(batch: DisposalBatch) {
    try {
      await invoke('disposal:refuse', { batchId: batch.id, note: '' });
      toast.show((tr) => tr('disposal:batches.refused'));
      onChanged();
    } catch (error) {
      toast.showError(error);
    }
  }
  async function certificate(batch: DisposalBatch) {
    try {
      const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
      const result = await saveDownload(
        { suggestedName: `${t('batches.fileName')}-${batch.id.slice(-8)}.pdf`, extensions: ['pdf'] },
        (target) => invoke('disposal:certificate', { target: target.handle, batchId: batch.id, locale }),
      );
      if (result) toast.show((tr) => tr('disposal:batches.downloaded', { file: result.fileName }));
    } catch (error) {
      toast.showError(error);
    }
  }
  return (
    <section className="panel" aria-labelledby="retention-batches" data-testid="retention-batches">
      <h2 id="retention-batches">{t('batches.title')}</h2>
      {batches.length === 0 ? (
        <EmptyState title={t('batches.empty')} />
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('batches.batch')}</th>
              <th>{t('batches.kind')}</th>
              <th>{t('batches.status')}</th>
              <th>{t('batches.count')}</th>
              <th>{t('batches.proposedBy')}</th>
              <th>{t('batches.proposedAt')}</th>
              <th>{t('batches.decidedBy')}</th>
              <th>{t('batches.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((batch) => (
              <tr key={batch.id} data-testid={`batch-${batch.status}`}>
                <td className="mono" title={batch.id}>
                  {batch.id.slice(-8)}
                </td>
                <td>{t(`disposalKinds.${batch.kind}`)}</td>
                <td>{t(`disposalStatuses.${batch.status}`)}</td>
                <td>{batch.items.length}</td>
                <td>{batch.proposedByName}</td>
                <td>{formatLocalDateTime(batch.proposedAt)}</td>
                <td>{batch.decidedByName ?? '—'}</td>
                <td>
                  <div className="retention-actions">
                    {batch.status === 'proposed' && batch.proposedBy === user.userId ? (
                      <span className="muted">{t('batches.ownBatch')}</span>
                    ) : null}
                    {batch.status === 'proposed' && batch.proposedBy !== user.userId ? (
                      <>
                        <Button
                          isSmall
                          variant="danger"
                          onClick={() => setApproving(batch)}
                          data-testid="batch-approve"
                        >
                          {t('batches.approve')}
                        </Button>
                        <Button isSmall onClick={() => void refuse(batch)}>
                          {t('batches.refuse')}
                        </Button>
                      </>
                    ) : null}
                    {batch.status === 'disposed' ? (
                      <Button isSmall onClick={() => void certificate(batch)} data-testid="batch-certificate">
                        {t('batches.certificate')}
                      </Button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {approving ? (
        <ApproveDialog
          batch={approving}
          onClose={() => setApproving(null)}
          onDone={() => {
            setApproving(null);
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}

function ApproveDialog({
  batch,
  onClose,
  onDone,
}: {
  batch: DisposalBatch;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('disposal');
  const toast = useToast();
  const [note, setNote] = useState('');
  const [isBusy, setBusy] = useState(false);
  async function approve() {
    setBusy(true);
    try {
      const done = await invoke('disposal:approve', { batchId: batch.id, note });
      toast.show((tr) => tr('disposal:batches.approved', { count: done.items.length }));
      onDone();
    } catch (error) {
      toast.showError(error);
      setBusy(false);
    }
  }
  return (
    <Dialog
      title={t('batches.confirmTitle')}
      onClose={onClose}
      testId="approve-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('batches.cancel')}</Button>
          <Button
            variant="danger"
            disabled={isBusy}
            onClick={() => void approve()}
            data-testid="approve-confirm"
          >
            {t('batches.confirm')}
          </Button>
        </>
      }
    >
      <p>{t('batches.confirmText', { count: batch.items.length })}</p>
      <ul className="retention-case-list mono">
        {batch.items.map((item) => (
          <li key={item.caseId}>{item.caseNo}</li>
        ))}
      </ul>
      <Field label={t('batches.decisionNote')}>
        <input value={note} maxLength={2000} onChange={(event) => setNote(event.target.value)} />
      </Field>
    </Dialog>
  );
}
