import { useTranslation } from 'react-i18next';
import {
  DEFAULT_LOCALE,
  interpolate,
  sayCount,
  type Locale,
  type Messages,
} from '../../../shared/i18n/define';
import { importMessages } from '../../../shared/i18n/import';
import { uiImportMessages } from '../../../shared/i18n/ui-import';

/**
 * The wizard's strings in the current language, read directly (as the analytics screen does) so
 * no i18next namespace has to be registered; `fields`/`problems` are the service's own words.
 */
export function useImportText() {
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : DEFAULT_LOCALE;
  return {
    locale,
    m: uiImportMessages[locale],
    data: importMessages[locale],
    say: (template: string, params?: Record<string, string | number>) => interpolate(template, params),
    /** A counted text (`key_one`/`key_other`) in the form its number asks for. */
    sayCount: (forms: Messages, key: string, value: number, params?: Record<string, string | number>) =>
      sayCount(forms, key, value, locale, params),
    /** Thousands separators: 1,000 reads faster than 1000 in a count. */
    count: (value: number) => value.toLocaleString(locale),
  };
}

export type ImportText = ReturnType<typeof useImportText>;
