import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { saveDownload } from '../../file-transfer';
import { Button } from '../../ui/Button';
import { formatLocalDateTime } from '../../ui/format';
import { EmptyState } from '../../ui/status-indicators';
import { useToast } from '../../ui/Toast';
import type { Handover } from './HandoverScreen';
import { SignDialog } from './SignDialog';

const person = (p: Handover['from']) => `${p.displayName} (${p.username})`;

/** The handovers, newest first: the recipient signs a waiting one; any can be printed. */
export function HandoverList({ items, onChanged }: { items: Handover[]; onChanged: () => void }) {
  const { t, i18n } = useTranslation('handover');
  const toast = useToast();
  const [signing, setSigning] = useState<{ handover: Handover; outcome: 'accept' | 'refuse' } | null>(null);
  async function certificate(handover: Handover) {
    try {
      const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
      const result = await saveDownload(
        { suggestedName: `${t('screen.fileName')}-${handover.id.slice(-8)}.pdf`, extensions: ['pdf'] },
        (target) =>
          invoke('handover:certificate', { target: target.handle, handoverId: handover.id, locale }),
      );
      if (result) toast.show((tr) => tr('handover:screen.downloaded', { file: result.fileName }));
    } catch (error) {
      toast.showError(error);
    }
  }
  const c = 'screen.columns';
  return (
    <section className="panel" aria-labelledby="handover-list" data-testid="handover-list">
      <h2 id="handover-list">{t('screen.listTitle')}</h2>
      {items.length === 0 ? (
        <EmptyState title={t('screen.empty')} />
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t(`${c}.id`)}</th>
              <th>{t(`${c}.status`)}</th>
              <th>{t(`${c}.from`)}</th>
              <th>{t(`${c}.to`)}</th>
              <th>{t(`${c}.proposedAt`)}</th>
              <th>{t(`${c}.decidedAt`)}</th>
              <th>{t(`${c}.cases`)}</th>
              <th>{t(`${c}.actions`)}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((handover) => (
              <tr key={handover.id} data-testid={`handover-${handover.status}`}>
                <td className="mono" title={handover.id}>
                  {handover.id.slice(-8)}
                </td>
                <td>{t(`statuses.${handover.status}`)}</td>
                <td>{person(handover.from)}</td>
                <td>{person(handover.to)}</td>
                <td>{formatLocalDateTime(handover.proposedAt)}</td>
                <td>{handover.decidedAt === null ? '—' : formatLocalDateTime(handover.decidedAt)}</td>
                <td>{(handover.accepted ?? handover.proposal).totalCases}</td>
                <td>
                  <div className="handover-actions">
                    {handover.status === 'proposed' ? (
                      <>
                        <Button
                          isSmall
                          variant="primary"
                          onClick={() => setSigning({ handover, outcome: 'accept' })}
                          data-testid="handover-accept"
                        >
                          {t('screen.accept')}
                        </Button>
                        <Button
                          isSmall
                          onClick={() => setSigning({ handover, outcome: 'refuse' })}
                          data-testid="handover-refuse"
                        >
                          {t('screen.refuse')}
                        </Button>
                      </>
                    ) : null}
                    <Button
                      isSmall
                      onClick={() => void certificate(handover)}
                      data-testid="handover-certificate"
                    >
                      {t('screen.certificate')}
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {signing ? (
        <SignDialog
          handover={signing.handover}
          outcome={signing.outcome}
          onClose={() => setSigning(null)}
          onDone={() => {
            setSigning(null);
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}
