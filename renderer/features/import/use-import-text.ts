import { useDirectWords } from '../../ui/direct-words';
import { importMessages } from '../../../shared/i18n/import';
import { uiImportMessages } from '../../../shared/i18n/ui-import';

/**
 * The wizard's strings in the current language, read directly (as the analytics screen does) so
 * no i18next namespace has to be registered; `fields`/`problems` are the service's own words.
 */
export function useImportText() {
  const words = useDirectWords();
  const { locale } = words;
  return {
    ...words,
    m: uiImportMessages[locale],
    data: importMessages[locale],
    /** Thousands separators: 1,000 reads faster than 1000 in a count. */
    count: (value: number) => value.toLocaleString(locale),
  };
}

export type ImportText = ReturnType<typeof useImportText>;
