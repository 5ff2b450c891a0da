import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../api';
import type { TaxonomyCode } from '../../shared/ipc/channels/admin';
import { useSession } from './session';

interface TaxonomyApi {
  codes: TaxonomyCode[];
  /** Name in the current language; the code itself when unknown (e.g. not loaded yet). */
  nameOf(scheme: string, code: string): string;
  reload(): void;
}

const TaxonomyContext = createContext<TaxonomyApi>({
  codes: [],
  nameOf: (_s, code) => code,
  reload: () => undefined,
});

/** Loads every taxonomy code once per sign-in (retired included, so old cases still show names). */
export function TaxonomyProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const { epoch } = useSession();
  const [codes, setCodes] = useState<TaxonomyCode[]>([]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let isCurrent = true;
    invoke('taxonomy:list', { includeRetired: true })
      .then((result) => isCurrent && setCodes(result.codes))
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, [epoch, version]);
  const isEnglish = i18n.language === 'en';
  const byKey = useMemo(() => new Map(codes.map((c) => [`${c.scheme}:${c.code}`, c])), [codes]);
  const nameOf = useCallback(
    (scheme: string, code: string) => {
      const found = byKey.get(`${scheme}:${code}`);
      return found ? (isEnglish ? found.nameEn : found.nameZh) : code;
    },
    [byKey, isEnglish],
  );
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const api = useMemo(() => ({ codes, nameOf, reload }), [codes, nameOf, reload]);
  return <TaxonomyContext.Provider value={api}>{children}</TaxonomyContext.Provider>;
}

export function useTaxonomy(): TaxonomyApi {
  return useContext(TaxonomyContext);
}
