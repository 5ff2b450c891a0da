import { useTranslation } from 'react-i18next';
import { DEFAULT_LOCALE, interpolate, sayCount, type Locale, type Messages } from '../../shared/i18n/define';

/**
 * The current language and the wording helpers of a screen that reads its messages directly from
 * shared/i18n (analytics, import) instead of through an i18next namespace; re-renders on a switch.
 */
export function useDirectWords() {
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : DEFAULT_LOCALE;
  return {
    locale,
    say: (template: string, params?: Record<string, string | number>) => interpolate(template, params),
    /** A counted text (`key_one`/`key_other`) in the form its number asks for. */
    sayCount: (forms: Messages, key: string, count: number, params?: Record<string, string | number>) =>
      sayCount(forms, key, count, locale, params),
  };
}
