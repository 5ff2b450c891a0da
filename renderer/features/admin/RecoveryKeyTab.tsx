import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { Button } from '../../ui/Button';
import { ErrorBox, Loading } from '../../ui/status-indicators';
import { recoveryKeyGroups } from '../setup/recovery-key';
import { useLoad } from './use-load';
import { errorWording, type Wording } from '../../ui/wording';

type Issued = { recoveryKey: string; fingerprint: string };

/** The new key, shown once; leaving the tab forgets it (it is nowhere else). */
function IssuedKey({ issued, onHide }: { issued: Issued; onHide: () => void }) {
  const { t } = useTranslation('records');
  return (
    <div className="issued-key" data-testid="issued-recovery-key">
      <h2>{t('recoveryKey.issuedTitle')}</h2>
      <p>{t('recoveryKey.issuedIntro')}</p>
      <div className="recovery-key" data-testid="recovery-key">
        {recoveryKeyGroups(issued.recoveryKey).map((group, index) => (
          <span key={index}>{group}</span>
        ))}
      </div>
      <p data-testid="issued-fingerprint">
        {t('recoveryKey.fingerprint', { fingerprint: issued.fingerprint })}
      </p>
      <div className="row no-print" style={{ justifyContent: 'flex-end' }}>
        <Button onClick={() => window.print()}>{t('recoveryKey.print')}</Button>
        <Button variant="primary" onClick={onHide}>
          {t('recoveryKey.hide')}
        </Button>
      </div>
    </div>
  );
}

export function RecoveryKeyTab() {
  const { t } = useTranslation('records');
  const { data, error, reload } = useLoad(useCallback(() => invoke('auth:recovery-fingerprint'), []));
  const [isConfirming, setConfirming] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [failure, setFailure] = useState<Wording>('');
  if (error) return <ErrorBox message={error} onRetry={reload} />;
  if (!data) return <Loading />;
  async function rotate() {
    setConfirming(false);
    setFailure('');
    try {
      setIssued(await invoke('auth:rotate-recovery-key'));
      reload();
    } catch (problem) {
      setFailure(() => errorWording(problem));
    }
  }
  return (
    <section className="panel" style={{ maxWidth: 760 }} data-testid="recovery-key-tab">
      <p>{t('recoveryKey.intro')}</p>
      <dl className="fingerprint">
        <dt>{t('recoveryKey.current')}</dt>
        <dd data-testid="current-fingerprint">{data.fingerprint}</dd>
      </dl>
      <p className="muted">{t('recoveryKey.fingerprintHint')}</p>
      {failure ? <ErrorBox message={failure} /> : null}
      {issued ? <IssuedKey issued={issued} onHide={() => setIssued(null)} /> : null}
      {isConfirming ? (
        <div className="confirm-row" role="alertdialog" aria-label={t('recoveryKey.rotate')}>
          <span>{t('recoveryKey.confirmRotate')}</span>
          <Button onClick={() => setConfirming(false)}>{t('common:common.cancel')}</Button>
          <Button variant="danger" onClick={() => void rotate()} data-testid="confirm-rotate">
            {t('recoveryKey.rotate')}
          </Button>
        </div>
      ) : issued ? null : (
        <div className="row no-print" style={{ justifyContent: 'flex-end' }}>
          <Button variant="primary" onClick={() => setConfirming(true)} data-testid="rotate-recovery-key">
            {t('recoveryKey.rotate')}
          </Button>
        </div>
      )}
    </section>
  );
}
