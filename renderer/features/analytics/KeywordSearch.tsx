import { useDebouncedInput } from '../../ui/use-debounced-input';
import { useAnalyticsText } from './use-analytics-text';

/** Typing pauses this long before the dashboard recounts; Enter applies at once. */
const KEYWORD_DEBOUNCE_MS = 400;

/**
 * Free text over the narratives, names and case numbers (what the grid's quick search matches):
 * "what do the complaints that mention 理财经理 look like over time". The dashboard answers it from
 * its cache (main/services/analytics/fact-cache/fact-members.ts). It sits in the header, so the filter bar
 * keeps to one line.
 */
export function KeywordSearch({ value, onApply }: { value: string; onApply: (text: string) => void }) {
  const { m } = useAnalyticsText();
  const { inputProps, applyNow } = useDebouncedInput(value, onApply, KEYWORD_DEBOUNCE_MS);
  return (
    <input
      type="search"
      className="input analytics-keyword"
      {...inputProps}
      aria-label={m.filter.keyword}
      placeholder={m.filter.keywordPlaceholder}
      onKeyDown={(e) => e.key === 'Enter' && !e.nativeEvent.isComposing && applyNow()}
      data-testid="analytics-keyword"
    />
  );
}
