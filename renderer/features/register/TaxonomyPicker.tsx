import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { TaxonomyCode, TaxonomyScheme } from '../../../shared/domain/taxonomy';
import { useTaxonomy } from '../../app/taxonomy';

export interface TaxonomyPickerProps {
  scheme: TaxonomyScheme;
  value: string;
  onChange(code: string): void;
  name: string;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

interface Found {
  codes: TaxonomyCode[];
  recent: string[];
  frequent: string[];
}

const NOTHING: Found = { codes: [], recent: [], frequent: [] };

/** The search word that made a code match, when its name alone does not show why (柜台 → 柜面). */
function matchedWord(code: TaxonomyCode, query: string): string | null {
  const q = query.trim();
  if (q === '' || code.nameZh.includes(q) || code.code.startsWith(q.toUpperCase())) return null;
  return code.synonyms.find((word) => word.includes(q)) ?? null;
}

function useSearch(scheme: TaxonomyScheme, query: string | null): Found & { isSettled: boolean } {
  const [found, setFound] = useState<Found & { query: string | null }>({ ...NOTHING, query: null });
  useEffect(() => {
    if (query === null) return undefined;
    let isCurrent = true;
    const timer = setTimeout(() => {
      invoke('taxonomy:search', { scheme, query, limit: 20 })
        .then((result) => isCurrent && setFound({ ...result, query }))
        .catch(() => undefined);
    }, 120);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [scheme, query]);
  return { ...found, isSettled: found.query === query };
}

/**
 * Type-to-search over one taxonomy dimension (Chinese, search words, pinyin initials, full pinyin or
 * code, all matched by the server; the clerk's recent and the archive's frequent codes first);
 * ↑/↓ move, Enter picks, Esc closes the list. Typed text never vanishes unnoticed: Enter on no match
 * keeps it and says so, and leaving the field without picking says what was not chosen.
 */
export function TaxonomyPicker({ scheme, value, onChange, name, ...aria }: TaxonomyPickerProps) {
  const { t } = useTranslation('register');
  const { nameOf } = useTaxonomy();
  const listId = useId();
  const noticeId = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [highlight, setHighlight] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const found = useSearch(scheme, query);
  const isOpen = query !== null;
  const noMatch = isOpen && found.isSettled && found.codes.length === 0;
  const pick = (code: TaxonomyCode) => {
    onChange(code.code);
    setQuery(null);
    setNotice(null);
  };
  const leave = () => {
    if (query !== null && query.trim() !== '') setNotice(t('pickerNotChosen', { query: query.trim() }));
    setQuery(null);
  };
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!isOpen) setQuery('');
      setHighlight((h) => Math.min(h + 1, Math.max(found.codes.length - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setHighlight((h) => Math.max(h - 1, 0));
    } else if (event.key === 'Enter' && !event.ctrlKey && isOpen) {
      event.preventDefault(); // never submits the form from here; no match keeps the text and says so
      const chosen = found.isSettled ? found.codes[highlight] : undefined;
      if (chosen) pick(chosen);
    } else if (event.key === 'Escape' && isOpen) {
      event.stopPropagation();
      setQuery(null); // the clerk chose to drop what they typed: nothing to warn about
    }
  }
  const typed = query ?? '';
  const shown = value ? `${value} ${nameOf(scheme, value)}` : '';
  const describedBy = [aria['aria-describedby'], notice ? noticeId : null].filter(Boolean).join(' ');
  return (
    <div className="picker">
      <input
        {...aria}
        aria-invalid={aria['aria-invalid'] || noMatch || undefined}
        aria-describedby={describedBy || undefined}
        name={name}
        role="combobox"
        aria-expanded={isOpen && found.codes.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        autoComplete="off"
        placeholder={t('pickerHint')}
        value={query ?? shown}
        onChange={(event) => {
          setQuery(event.target.value);
          setHighlight(0);
          setNotice(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(leave, 150)}
      />
      {isOpen ? (
        <ul
          hidden={found.codes.length === 0}
          className="picker-list"
          id={listId}
          role="listbox"
          aria-label={t('pickerHint')}
        >
          {found.codes.map((code, index) => (
            <li
              key={code.code}
              role="option"
              aria-selected={index === highlight}
              className={index === highlight ? 'active' : ''}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(code);
              }}
            >
              <span className="mono">{code.code}</span> {nameOf(scheme, code.code)}
              {matchedWord(code, typed) ? <span className="muted"> · {matchedWord(code, typed)}</span> : null}
              {found.recent.includes(code.code) ? (
                <span className="picker-tag">{t('pickerRecent')}</span>
              ) : null}
              {found.frequent.includes(code.code) ? (
                <span className="picker-tag">{t('pickerFrequent')}</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {noMatch ? (
        <p className="picker-no-match" role="alert" data-testid="picker-no-match">
          {t('pickerNoMatch', { query: typed.trim() })}
        </p>
      ) : null}
      {notice && !isOpen ? (
        <p className="picker-notice" id={noticeId} role="status" data-testid="picker-not-chosen">
          {notice}
        </p>
      ) : null}
    </div>
  );
}
