import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BUNDLE_EXTENSION } from '../../../shared/domain/backups';
import { formatBytes } from '../../../shared/format-bytes';
import { invoke } from '../../api';
import { pickFileForUpload, type UploadedFile } from '../../file-transfer';
import { Button } from '../../ui/Button';
import { PasswordConfirmField, usePasswordConfirm } from '../../ui/PasswordConfirm';
import { ErrorBox, Spinner } from '../../ui/status-indicators';
import { errorWording, type Wording } from '../../ui/wording';

/** Survives the reload after a restore, so the admin reads what happened on the restored archive. */
export const RESTORED_NOTICE_KEY = 'redress.backup.restored';

/**
 * Restore: pick the backup (upload in the browser, native dialog in Electron), confirm with the
 * password, then the main process keeps the current archive beside it, restores, and signs the
 * admin in again on the restored archive; the page reloads so every screen reads the new archive.
 */
export function RestorePanel() {
  const { t } = useTranslation('backups');
  const [file, setFile] = useState<UploadedFile | null>(null);
  const [failure, setFailure] = useState<Wording>('');
  const confirmation = usePasswordConfirm(
    async (password) => {
      if (!file) return;
      const { keptName } = await invoke('backup:restore', { file: file.handle, password });
      sessionStorage.setItem(RESTORED_NOTICE_KEY, JSON.stringify({ keptName }));
      window.location.reload();
    },
    {
      onFailed: (message) => {
        setFile(null);
        setFailure(() => message);
      },
    },
  );

  async function choose() {
    setFailure('');
    try {
      const picked = await pickFileForUpload({
        purpose: 'restore',
        extensions: [BUNDLE_EXTENSION, 'redress'],
      });
      if (picked) setFile(picked);
    } catch (error) {
      setFailure(() => errorWording(error));
    }
  }
  function cancel() {
    if (file) void invoke('files:release', { handle: file.handle }).catch(() => undefined);
    setFile(null);
    confirmation.reset();
  }
  function restore(event: FormEvent) {
    event.preventDefault();
    setFailure('');
    void confirmation.submit();
  }

  return (
    <section
      className="panel backup-panel"
      aria-labelledby="backup-restore-title"
      data-testid="backup-restore"
    >
      <h2 id="backup-restore-title">{t('restore.title')}</h2>
      <p className="muted">{t('restore.intro')}</p>
      {failure ? <ErrorBox message={failure} /> : null}
      {file ? (
        <form className="backup-restore-form" onSubmit={restore}>
          <p data-testid="backup-restore-file">
            {t('restore.chosen', { file: `${file.name} (${formatBytes(file.size)})` })}
          </p>
          <PasswordConfirmField
            state={confirmation}
            label={t('restore.password')}
            autoComplete="current-password"
            testId="backup-restore-password"
          />
          <div className="row">
            <Button type="button" onClick={cancel} disabled={confirmation.isBusy}>
              {t('restore.cancel')}
            </Button>
            <Button
              type="submit"
              variant="danger"
              disabled={!confirmation.canSubmit}
              data-testid="backup-restore-confirm"
            >
              {t('restore.confirm')}
            </Button>
            {confirmation.isBusy ? <Spinner label={t('restore.working')} /> : null}
          </div>
        </form>
      ) : (
        <Button onClick={() => void choose()} data-testid="backup-restore-choose">
          {t('restore.choose')}
        </Button>
      )}
    </section>
  );
}
