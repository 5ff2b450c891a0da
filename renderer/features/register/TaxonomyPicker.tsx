import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { TaxonomyCode } from '../../../shared/ipc/channels/admin';
import { useTaxonomy } from '../../app/taxonomy';

export interface TaxonomyPickerProps {
  scheme: 'A' | 'B' | 'C';
  value: string;
  onChange(code: string): void;
  name: string;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

/**
 * Type-to-search over one taxonomy dimension (Chinese, pinyin initials, full pinyin or code, all
 * matched by the server); ↑/↓ move, Enter picks, Esc closes the list without leaving the form.
 */
export function TaxonomyPicker({ scheme, value, onChange, name, ...aria }: TaxonomyPickerProps) {
  const { t } = useTranslation('register');
  const { nameOf } = useTaxonomy();
  const listId = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [results, setResults] = useState<TaxonomyCode[]>([]);
  const [highlight, setHighlight] = useState(0);
  const isOpen = query !== null;
  useEffect(() => {
    if (query === null) return undefined;
    let isCurrent = true;
    const timer = setTimeout(() => {
      invoke('taxonomy:search', { scheme, query, limit: 20 })
        .then((found) => {
          if (!isCurrent) return;
          setResults(found.codes.filter((c) => c.retiredAt === null));
          setHighlight(0);
        })
        .catch(() => undefined);
    }, 120);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [scheme, query]);
  const pick = (code: TaxonomyCode) => {
    onChange(code.code);
    setQuery(null);
  };
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!isOpen) setQuery('');
      setHighlight((h) => Math.min(h + 1, Math.max(results.length - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setHighlight((h) => Math.max(h - 1, 0));
    } else if (event.key === 'Enter' && !event.ctrlKey && isOpen) {
      event.preventDefault();
      const chosen = results[highlight];
      if (chosen) pick(chosen);
    } else if (event.key === 'Escape' && isOpen) {
      event.stopPropagation();
      setQuery(null);
    }
  }
  const shown = value ? `${value} ${nameOf(scheme, value)}` : '';
  return (
    <div className="picker">
      <input
        {...aria}
        name={name}
        role="combobox"
        aria-expanded={isOpen}
        aria-controls={listId}
        aria-autocomplete="list"
        autoComplete="off"
        placeholder={t('pickerHint')}
        value={query ?? shown}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
      />
      {isOpen ? (
        <ul className="picker-list" id={listId} role="listbox">
          {results.length === 0 ? <li className="muted">{t('pickerEmpty')}</li> : null}
          {results.map((code, index) => (
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
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
