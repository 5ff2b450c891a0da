import { useCallback } from 'react';
import { invoke } from '../../api';
import { announceCasesChanged } from '../../app/due-summary';
import { useLoad } from '../admin/use-load';

/** The backup tab's data; `changed()` reloads it and refreshes the top bar's badge too. */
export function useBackupOverview() {
  const { data, error, reload } = useLoad(useCallback(() => invoke('backup:overview'), []));
  const changed = useCallback(() => {
    reload();
    // The top-bar figures (the backup badge among them) refresh on this announcement.
    announceCasesChanged();
  }, [reload]);
  return { overview: data, error, reload, changed };
}
