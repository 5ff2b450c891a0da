import { useEffect, useEffectEvent, useState, type ChangeEvent, type CompositionEvent } from 'react';

/**
 * A search field that reports its text after a pause in typing, and never in the middle of an IME
 * composition: while a clerk composes pinyin, the field holds the Latin letters ("licai"), not the
 * 理财 they are about to pick, and searching for those letters would flash "no matches".
 *
 * `value` is the applied text (the filter's); the field keeps its own draft, shows `value` again
 * when it changes from outside (a view, "clear", the back button), but not when the change is the
 * echo of what it sent itself (the user may have typed on meanwhile).
 */
export function useDebouncedInput(value: string, onApply: (text: string) => void, delayMs: number) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const [sent, setSent] = useState(value);
  const [isComposing, setComposing] = useState(false);
  if (value !== seen) {
    setSeen(value);
    if (value.trim() !== sent.trim()) setDraft(value);
  }
  const apply = useEffectEvent((text: string) => {
    setSent(text);
    onApply(text);
  });
  useEffect(() => {
    if (isComposing || draft.trim() === value.trim()) return undefined;
    const timer = setTimeout(() => apply(draft), delayMs);
    return () => clearTimeout(timer);
  }, [draft, value, isComposing, delayMs]);
  return {
    /** Spread on the <input>. */
    inputProps: {
      value: draft,
      onChange: (event: ChangeEvent<HTMLInputElement>) => setDraft(event.target.value),
      onCompositionStart: () => setComposing(true),
      onCompositionEnd: (event: CompositionEvent<HTMLInputElement>) => {
        setComposing(false);
        setDraft(event.currentTarget.value);
      },
    },
    /** Applies the draft at once (Enter). */
    applyNow: () => {
      setSent(draft);
      onApply(draft);
    },
  };
}
