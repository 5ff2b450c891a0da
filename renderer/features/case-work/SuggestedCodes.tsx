import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { useTaxonomy } from '../../app/taxonomy';

type Suggestions = ResponseOf<'classification:suggest'>;

/** Asks for suggested codes once the request and facts rest for a moment. */
function useSuggestions(text: string, isActive: boolean): Suggestions | null {
  const [suggestions, setSuggestions] = useState<Suggestions | null>(null);
  const trimmed = text.trim();
  const isAsking = isActive && trimmed.length >= 4;
  useEffect(() => {
    if (!isAsking) return undefined;
    let isCurrent = true;
    const timer = setTimeout(() => {
      invoke('classification:suggest', { text: trimmed })
        .then((next) => isCurrent && setSuggestions(next))
        .catch(() => undefined);
    }, 500);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [trimmed, isAsking]);
  return isAsking ? suggestions : null;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * The likeliest B×C pairs (and A codes) learned from this archive's classified cases, with their
 * share; a click fills the pickers, and the clerk still confirms by saving.
 */
export function SuggestedCodes(props: {
  text: string;
  isActive: boolean;
  onPickPair(businessCode: string, causeCode: string): void;
  onPickChannel(channelCode: string): void;
}) {
  const { t } = useTranslation('casework');
  const { nameOf } = useTaxonomy();
  const suggestions = useSuggestions(props.text, props.isActive);
  if (!suggestions || suggestions.pairs.length === 0) return null;
  return (
    <div className="suggested-codes span-all" data-testid="suggested-codes" aria-live="polite">
      <span className="muted">{t('suggest.label', { count: suggestions.trainedOn })}</span>
      {suggestions.pairs.map((p) => (
        <button
          key={`${p.businessCode}|${p.causeCode}`}
          type="button"
          className="btn btn-small"
          data-testid="suggested-pair"
          onClick={() => props.onPickPair(p.businessCode, p.causeCode)}
        >
          {nameOf('B', p.businessCode)} × {nameOf('C', p.causeCode)} · {percent(p.share)}
        </button>
      ))}
      {suggestions.channels.slice(0, 1).map((c) => (
        <button
          key={c.channelCode}
          type="button"
          className="btn btn-small btn-ghost"
          data-testid="suggested-channel"
          onClick={() => props.onPickChannel(c.channelCode)}
        >
          {t('suggest.channel')} {nameOf('A', c.channelCode)} · {percent(c.share)}
        </button>
      ))}
    </div>
  );
}
