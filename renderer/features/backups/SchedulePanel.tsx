import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KEEP_COPIES_MAX, type BackupOverview } from '../../../shared/domain/backups';
import { invoke } from '../../api';
import { useSession } from '../../app/session';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { formatLocalDateTime } from '../../ui/format';
import { ErrorBox } from '../../ui/status-indicators';
import { useToast } from '../../ui/Toast';
import { failureWording, type Wording } from '../../ui/wording';

/** AppError fields carry the one line to show (the host's "no server folders" among them). */
function messageOf(error: unknown): Wording {
  return failureWording(error, '_', 'folder');
}

/**
 * The daily backup: the folder comes from the main process (Electron's folder dialog, or the
 * command line for the headless host), the number of copies and on/off from here.
 */
export function SchedulePanel({ overview, onChanged }: { overview: BackupOverview; onChanged: () => void }) {
  const { t } = useTranslation('backups');
  const { state } = useSession();
  const toast = useToast();
  const { schedule, status } = overview;
  const [keep, setKeep] = useState(schedule.keep);
  const [isEnabled, setEnabled] = useState(schedule.isEnabled);
  const [failure, setFailure] = useState<Wording>('');

  async function run(action: () => Promise<unknown>, saved?: string) {
    setFailure('');
    try {
      await action();
      if (saved) toast.show(saved);
    } catch (error) {
      setFailure(() => messageOf(error));
    } finally {
      onChanged();
    }
  }
  const next = overview.nextScheduledAt;
  return (
    <section
      className="panel backup-panel"
      aria-labelledby="backup-schedule-title"
      data-testid="backup-schedule"
    >
      <h2 id="backup-schedule-title">{t('schedule.title')}</h2>
      <p className="muted">{t('schedule.intro')}</p>
      <dl className="backup-facts">
        <dt>{t('schedule.folder')}</dt>
        <dd data-testid="backup-folder">{schedule.folder ?? t('schedule.noFolder')}</dd>
        {next !== null ? (
          <>
            <dt>{t('schedule.next')}</dt>
            <dd>
              {status.lastScheduledAt === null
                ? t('schedule.dueNow')
                : formatLocalDateTime(next, state.timeZone)}
            </dd>
          </>
        ) : null}
        {status.lastScheduledAt !== null ? (
          <>
            <dt>{t('schedule.lastScheduled')}</dt>
            <dd>
              {formatLocalDateTime(status.lastScheduledAt, state.timeZone)} ·{' '}
              {status.lastScheduledOutcome === 'failed'
                ? t('schedule.outcomeFailed')
                : t('schedule.outcomeOk')}
            </dd>
          </>
        ) : null}
      </dl>
      {overview.canChooseFolder ? (
        <Button
          onClick={() => void run(() => invoke('backup:choose-folder'))}
          data-testid="backup-choose-folder"
        >
          {t('schedule.chooseFolder')}
        </Button>
      ) : (
        <p className="muted" data-testid="backup-host-hint">
          {t('schedule.hostHint')} <code className="backup-command">{t('schedule.hostCommand')}</code>
        </p>
      )}
      <div className="row backup-schedule-form">
        <Field label={t('schedule.keep')}>
          <input
            type="number"
            min={1}
            max={KEEP_COPIES_MAX}
            value={keep}
            onChange={(event) => setKeep(Number(event.target.value))}
            data-testid="backup-keep"
          />
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={isEnabled} onChange={(event) => setEnabled(event.target.checked)} />
          {t('schedule.isEnabled')}
        </label>
        <Button
          variant="primary"
          onClick={() =>
            void run(() => invoke('backup:set-schedule', { keep, isEnabled }), t('schedule.saved'))
          }
          data-testid="backup-schedule-save"
        >
          {t('schedule.save')}
        </Button>
        {schedule.folder && schedule.isEnabled ? (
          <Button onClick={() => void run(() => invoke('backup:run-scheduled'))}>
            {t('schedule.runNow')}
          </Button>
        ) : null}
      </div>
      {failure ? <ErrorBox message={failure} /> : null}
    </section>
  );
}
