import { useTranslation } from 'react-i18next';
import { analyticsMessages } from '../../../shared/i18n/analytics';
import { DEFAULT_LOCALE, interpolate, type Locale } from '../../../shared/i18n/define';

/** The analytics strings in the current language (read directly, so no i18next namespace is needed). */
export function useAnalyticsText() {
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : DEFAULT_LOCALE;
  return {
    locale,
    m: analyticsMessages[locale],
    say: (template: string, params?: Record<string, string | number>) => interpolate(template, params),
  };
}
