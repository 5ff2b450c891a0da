import { useEffect, useState } from 'react';
import { useAnalyticsText } from './use-analytics-text';

/** Typing pauses this long before the dashboard recounts; Enter applies at once. */
const KEYWORD_DEBOUNCE_MS = 400;

/**
 * Free text over the narratives, names and case numbers (what the grid's quick search matches):
 * "what do the complaints that mention 理财经理 look like over time". The dashboard answers it from
 * its cache (main/services/analytics/fact-members.ts). It sits in the header, so the filter bar
 * keeps to one line.
 */
export function KeywordSearch({ value, onApply }: { value: string; onApply: (text: string) => void }) {
  const { m } = useAnalyticsText();
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const [sent, setSent] = useState(value);
  if (value !== seen) {
    setSeen(value);
    // Reset, the back button or a bookmarked view changed it, rather than the echo of what this
    // field sent (the user may have typed on since): show the view's text.
    if (value !== sent.trim()) setDraft(value);
  }
  const apply = (text: string) => {
    setSent(text);
    onApply(text);
  };
  useEffect(() => {
    if (draft.trim() === value) return undefined;
    const timer = setTimeout(() => {
      setSent(draft);
      onApply(draft);
    }, KEYWORD_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, value, onApply]);
  return (
    <input
      type="search"
      className="input analytics-keyword"
      value={draft}
      aria-label={m.filter.keyword}
      placeholder={m.filter.keywordPlaceholder}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => e.key === 'Enter' && apply(draft)}
      data-testid="analytics-keyword"
    />
  );
}
