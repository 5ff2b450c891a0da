import { analyticsMessages } from '../../../shared/i18n/analytics';
import { useDirectWords } from '../../ui/direct-words';

/** The analytics strings in the current language (read directly, so no i18next namespace is needed). */
export function useAnalyticsText() {
  const words = useDirectWords();
  return { ...words, m: analyticsMessages[words.locale] };
}
