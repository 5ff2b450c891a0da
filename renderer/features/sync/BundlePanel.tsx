import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { pickFileForUpload, saveDownload } from '../../file-transfer';
import { Button } from '../../ui/Button';
import { branchToday } from '../../ui/format';
import { errorWording, useWord, type Wording } from '../../ui/wording';
import { useBundleRequests, type BundleAction } from './bundle-requests';

/** What a reply bundle may be called: the CLI examples write `.bundle`, HQ's tests `.reply`. */
const BUNDLE_EXTENSIONS = ['bundle', 'reply'];

type Outcome = { text: Wording; isError: boolean } | null;

function bundleName(branchCode: string | null): string {
  const day = branchToday().replaceAll('-', '');
  return `redress-${branchCode ?? 'branch'}-${day}.bundle`;
}

/**
 * USB bundles for a branch with no link (administrators): the same code as `redress sync
 * export-bundle` / `import-bundle`. No path leaves the page: the file goes out through a download
 * handle and comes in through an upload handle (renderer/file-transfer.ts).
 */
export function BundlePanel({ branchCode, onChanged }: { branchCode: string | null; onChanged(): void }) {
  const { t } = useTranslation('sync');
  const word = useWord();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [isBusy, setBusy] = useState(false);

  async function run(work: () => Promise<Wording | null>) {
    setBusy(true);
    setOutcome(null);
    try {
      const text = await work();
      if (text !== null) setOutcome({ text, isError: false });
    } catch (error) {
      setOutcome({ text: errorWording(error), isError: true });
    } finally {
      setBusy(false);
      onChanged();
    }
  }

  const exportBundle = () =>
    run(async () => {
      const suggestedName = bundleName(branchCode);
      let written = '';
      const result = await saveDownload({ suggestedName, extensions: ['bundle'] }, (target) => {
        written = target.name;
        return invoke('sync:export-bundle', { target: target.handle });
      });
      return result
        ? (tr) => tr('sync:screen.bundles.exported', { events: result.events, file: written })
        : null;
    });

  const importReply = () =>
    run(async () => {
      const file = await pickFileForUpload({ purpose: 'sync-bundle', extensions: BUNDLE_EXTENSIONS });
      if (!file) return null;
      const result = await invoke('sync:import-bundle', { file: file.handle });
      if (result.alreadyImported) return (tr) => tr('sync:screen.bundles.alreadyImported');
      const counts = { applied: result.applied, cases: result.casesChanged, conflicts: result.conflicts };
      return (tr) => tr('sync:screen.bundles.imported', counts);
    });

  const carryOut = (action: BundleAction) => void (action === 'export' ? exportBundle() : importReply());
  useBundleRequests(carryOut);

  return (
    <section className="panel sync-bundles" aria-labelledby="sync-bundles-title" data-testid="sync-bundles">
      <h2 id="sync-bundles-title">{t('screen.bundles.title')}</h2>
      <p className="muted">{t('screen.bundles.intro')}</p>
      <div className="row">
        <Button onClick={() => void exportBundle()} disabled={isBusy} data-testid="sync-export-bundle">
          {t('screen.bundles.export')}
        </Button>
        <Button onClick={() => void importReply()} disabled={isBusy} data-testid="sync-import-bundle">
          {t('screen.bundles.import')}
        </Button>
        {isBusy ? <span className="muted">{t('screen.bundles.working')}</span> : null}
      </div>
      {outcome ? (
        <p
          className={outcome.isError ? 'sync-error' : 'sync-outcome'}
          role={outcome.isError ? 'alert' : 'status'}
          data-testid="sync-bundle-outcome"
        >
          {word(outcome.text)}
        </p>
      ) : null}
    </section>
  );
}
