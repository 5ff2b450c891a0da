import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { backupFileName, BUNDLE_EXTENSION, type BackupOverview } from '../../../shared/domain/backups';
import { formatBytes } from '../../../shared/format-bytes';
import { invoke } from '../../api';
import { useSession } from '../../app/session';
import { saveDownload } from '../../file-transfer';
import { Button } from '../../ui/Button';
import { formatLocalDateTime } from '../../ui/format';
import { ErrorBox, Spinner } from '../../ui/status-indicators';
import { errorWording, useWord, type Wording } from '../../ui/wording';

/** Back up now: the save dialog (Electron) or a browser download (host); verified in the main process. */
export function BackupNowPanel({ overview, onChanged }: { overview: BackupOverview; onChanged: () => void }) {
  const { t } = useTranslation('backups');
  const { state } = useSession();
  const [isWorking, setWorking] = useState(false);
  const word = useWord();
  const [done, setDone] = useState<Wording>('');
  const [failure, setFailure] = useState<Wording>('');
  const { status } = overview;
  const when = (at: number) => formatLocalDateTime(at, state.timeZone);

  async function backUp() {
    setFailure('');
    setDone('');
    setWorking(true);
    try {
      const result = await saveDownload(
        { suggestedName: backupFileName(Date.now()), extensions: [BUNDLE_EXTENSION] },
        (target) => invoke('backup:run', { target: target.handle }),
      );
      if (result) {
        const saved = { file: result.fileName, size: formatBytes(result.bytes) };
        const text: Wording = (tr) => tr('backups:now.done', saved);
        setDone(() => text);
      }
    } catch (error) {
      setFailure(() => errorWording(error));
    } finally {
      setWorking(false);
      onChanged();
    }
  }

  return (
    <section className="panel backup-panel" aria-labelledby="backup-now-title" data-testid="backup-now">
      <h2 id="backup-now-title">{t('now.title')}</h2>
      <p className="muted">{t('now.intro')}</p>
      <dl className="backup-facts">
        <dt>{t('now.lastGood')}</dt>
        <dd data-testid="backup-last-good">
          {status.lastGoodAt === null
            ? t('now.never')
            : `${when(status.lastGoodAt)} · ${status.lastGoodName ?? ''}`}
        </dd>
      </dl>
      {status.lastOutcome === 'failed' && status.lastAttemptAt !== null ? (
        <p className="backup-failed" role="status">
          {t('now.lastFailed', {
            when: when(status.lastAttemptAt),
            error: t(`errors:${status.lastErrorCode ?? 'INTERNAL'}`, {
              folder: overview.schedule.folder ?? '',
            }),
          })}
        </p>
      ) : null}
      {failure ? <ErrorBox message={failure} /> : null}
      {done ? (
        <p className="backup-done" role="status" data-testid="backup-done">
          {word(done)}
        </p>
      ) : null}
      <div className="row">
        <Button
          variant="primary"
          onClick={() => void backUp()}
          disabled={isWorking}
          data-testid="backup-now-button"
        >
          {t('now.button')}
        </Button>
        {isWorking ? <Spinner label={t('now.working')} /> : null}
      </div>
    </section>
  );
}
