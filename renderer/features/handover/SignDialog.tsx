import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { PasswordConfirmField, usePasswordConfirm } from '../../ui/PasswordConfirm';
import { useToast } from '../../ui/Toast';
import type { Handover } from './HandoverScreen';

/**
 * The recipient signs at this desk: they read what they take over (cases, chain heads) and type
 * their own password; the service checks it against their key slot, whoever is signed in here.
 */
export function SignDialog({
  handover,
  outcome,
  onClose,
  onDone,
}: {
  handover: Handover;
  outcome: 'accept' | 'refuse';
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('handover');
  const toast = useToast();
  const [note, setNote] = useState('');
  const name = `${handover.to.displayName} (${handover.to.username})`;
  const signature = usePasswordConfirm(async (password) => {
    const channel = outcome === 'accept' ? 'handover:accept' : 'handover:refuse';
    await invoke(channel, { handoverId: handover.id, note, password });
    toast.show((tr) => tr(outcome === 'accept' ? 'handover:screen.accepted' : 'handover:screen.refused'));
    onDone();
  });
  const snapshot = handover.proposal;
  return (
    <Dialog
      title={t('screen.signTitle', { name })}
      onClose={onClose}
      testId="handover-sign-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('screen.cancel')}</Button>
          <Button
            variant={outcome === 'accept' ? 'primary' : 'danger'}
            disabled={!signature.canSubmit}
            onClick={() => void signature.submit()}
            data-testid="handover-sign-confirm"
          >
            {outcome === 'accept' ? t('screen.confirmAccept') : t('screen.confirmRefuse')}
          </Button>
        </>
      }
    >
      <p>{t('screen.signText', { name })}</p>
      <p>{t('screen.total', { total: snapshot.totalCases })}</p>
      <ul className="handover-heads mono">
        {snapshot.chainHeads.map((head) => (
          <li key={head.installationId}>
            #{head.seq} {head.hash.slice(0, 16)}…
          </li>
        ))}
      </ul>
      <Field label={t('screen.decisionNote')}>
        <input value={note} maxLength={2000} onChange={(event) => setNote(event.target.value)} />
      </Field>
      <PasswordConfirmField
        state={signature}
        label={t('screen.recipientPassword', { name: handover.to.displayName })}
        autoComplete="off"
        testId="handover-sign-password"
      />
    </Dialog>
  );
}
