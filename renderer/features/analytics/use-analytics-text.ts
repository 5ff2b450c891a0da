import { useTranslation } from 'react-i18next';
import { analyticsMessages } from '../../../shared/i18n/analytics';
import {
  DEFAULT_LOCALE,
  interpolate,
  sayCount,
  type Locale,
  type Messages,
} from '../../../shared/i18n/define';

/** The analytics strings in the current language (read directly, so no i18next namespace is needed). */
export function useAnalyticsText() {
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : DEFAULT_LOCALE;
  return {
    locale,
    m: analyticsMessages[locale],
    say: (template: string, params?: Record<string, string | number>) => interpolate(template, params),
    /** A counted text (`key_one`/`key_other`) in the form its number asks for. */
    sayCount: (forms: Messages, key: string, count: number, params?: Record<string, string | number>) =>
      sayCount(forms, key, count, locale, params),
  };
}
