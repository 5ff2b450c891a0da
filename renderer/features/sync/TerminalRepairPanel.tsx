import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Spinner } from '../../ui/status-indicators';
import { errorWording, useWord, type Wording } from '../../ui/wording';

type Status = ResponseOf<'sync:status'>;
type Repaired = ResponseOf<'sync:repair-terminal'>;

/**
 * Two PCs of the branch number under one terminal code (docs/SYNC.md): the cases held back here by
 * number, what to do, and for administrators the repair itself (`sync:repair-terminal`, the service
 * of `redress sync repair-terminal`; the main process checks the role again). Its outcome stays on
 * screen after the held cases are gone; shown in the language of the moment from the result.
 */
export function TerminalRepairPanel({
  status,
  canRepair,
  onRunning,
  onChanged,
}: {
  status: Status;
  canRepair: boolean;
  /** The screen follows the repair's steps in the status while it runs. */
  onRunning(isRunning: boolean): void;
  onChanged(): void;
}) {
  const { t, i18n } = useTranslation('sync');
  const word = useWord();
  // Chinese sentences follow each other with no space after the full stop.
  const sentenceGap = i18n.language === 'zh-CN' ? '' : ' ';
  const [isConfirming, setConfirming] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Repaired | null>(null);
  const [failure, setFailure] = useState<Wording>('');
  const held = status.heldCases;
  const isHere = held.some((row) => row.holderIsThisPc);
  if (held.length === 0 && !outcome && !failure && !isBusy) return null;

  async function repair() {
    setConfirming(false);
    setBusy(true);
    setOutcome(null);
    setFailure('');
    onRunning(true);
    try {
      setOutcome(await invoke('sync:repair-terminal'));
    } catch (error) {
      setFailure(() => errorWording(error));
    } finally {
      setBusy(false);
      onRunning(false);
      onChanged();
    }
  }

  const phase = status.terminalRepair ?? 'syncing';
  return (
    <section className="panel sync-held" aria-labelledby="sync-held-title" data-testid="sync-held">
      <h2 id="sync-held-title">{t('screen.repair.title')}</h2>
      {/* What was just done first; then what is still held, and what to do about it. */}
      {outcome ? <RepairOutcome outcome={outcome} isStillHeld={held.length > 0} /> : null}
      {failure ? (
        <p className="sync-error" role="alert" data-testid="sync-repair-outcome">
          {t('screen.repair.failed', { error: word(failure) })}
        </p>
      ) : null}
      {held.length > 0 ? (
        <>
          <p>{t('screen.repair.intro')}</p>
          <table data-testid="sync-held-cases">
            <thead>
              <tr>
                <th scope="col">{t('screen.repair.caseNo')}</th>
                <th scope="col">{t('screen.repair.waiting')}</th>
                <th scope="col">{t('screen.repair.holder')}</th>
              </tr>
            </thead>
            <tbody>
              {held.map((row) => (
                <tr key={row.caseNo}>
                  <td className="mono">{row.caseNo}</td>
                  <td>{row.waiting}</td>
                  <td>
                    {row.holderIsThisPc ? t('screen.repair.holderThisPc') : t('screen.repair.holderOtherPc')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="sync-hint" role="note" data-testid="sync-held-remedy">
            {isHere ? t('screen.repair.remedyHere') : t('screen.repair.remedyElsewhere')}
            {canRepair ? null : `${sentenceGap}${t('screen.repair.remedyAskAdmin')}`}
          </p>
        </>
      ) : null}
      {canRepair && (isHere || isBusy) ? (
        <div className="row">
          <Button
            variant="primary"
            onClick={() => setConfirming(true)}
            disabled={isBusy}
            data-testid="sync-repair-terminal"
          >
            {t('screen.repair.button')}
          </Button>
          {isBusy ? (
            <span data-testid="sync-repair-progress">
              <Spinner label={t(`screen.repair.phases.${phase}`)} />
            </span>
          ) : null}
        </div>
      ) : null}
      {isConfirming ? (
        <ConfirmRepair onCancel={() => setConfirming(false)} onConfirm={() => void repair()} />
      ) : null}
    </section>
  );
}

function ConfirmRepair({ onCancel, onConfirm }: { onCancel(): void; onConfirm(): void }) {
  const { t } = useTranslation('sync');
  return (
    <Dialog
      title={t('screen.repair.confirmTitle')}
      onClose={onCancel}
      testId="sync-repair-confirm"
      footer={
        <>
          <Button onClick={onCancel}>{t('common:common.cancel')}</Button>
          <Button variant="primary" onClick={onConfirm} data-testid="sync-repair-confirm-ok">
            {t('screen.repair.confirm')}
          </Button>
        </>
      }
    >
      <p>{t('screen.repair.confirmWhat')}</p>
      <p className="muted">{t('screen.repair.confirmSync')}</p>
    </Dialog>
  );
}

/** `isStillHeld`: the pairs left for other PCs are named only until a later sync brought them in. */
function RepairOutcome({ outcome, isStillHeld }: { outcome: Repaired; isStillHeld: boolean }) {
  const { t } = useTranslation('sync');
  const { previousTerminalCode: from, terminalCode: to, renumbered } = outcome;
  const stillClashing = isStillHeld ? outcome.stillClashing : 0;
  const isNothing = from === to && renumbered.length === 0;
  return (
    <div className="sync-repair-outcome" role="status" data-testid="sync-repair-outcome">
      <p className={stillClashing > 0 ? undefined : 'sync-outcome'}>
        {isNothing
          ? t('screen.repair.nothing', { terminal: to })
          : t('screen.repair.repaired', { from, to, count: renumbered.length })}
      </p>
      {renumbered.length > 0 ? (
        <ul className="sync-renumbered" data-testid="sync-renumbered">
          {renumbered.map((change) => (
            <li key={change.caseId} className="mono">
              {change.from} → {change.to}
            </li>
          ))}
        </ul>
      ) : null}
      {stillClashing > 0 ? (
        <p className="sync-error" data-testid="sync-repair-still-clashing">
          {t('screen.repair.stillClashing', { count: stillClashing })}
        </p>
      ) : null}
    </div>
  );
}
