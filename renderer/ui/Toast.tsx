import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/**
 * What a toast says: a fixed text (a message the server already worded), or a function that words
 * it with the `t` it is given (`(tr) => tr('cases:views.saved', { name })`, namespace in the key),
 * called at each render with the current language — so a toast on screen when the language is
 * switched reads in the new one. (A component's own `t` is fixed to the language it rendered in.)
 */
export type ToastText = string | ((t: TFunction) => string);

interface ToastItem {
  id: number;
  text: ToastText;
  isError: boolean;
}
interface ToastApi {
  show(text: ToastText, options?: { isError?: boolean }): void;
}

const ToastContext = createContext<ToastApi>({ show: () => undefined });

let nextToastId = 1;
/** Quick steps in a row (accept, assign, investigate…) would pile notices over the page: the newest few stay. */
const MAX_VISIBLE_TOASTS = 3;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  // Re-renders the toasts when the language changes; their wording functions run again with this t.
  const { t } = useTranslation();
  const show = useCallback((text: ToastText, options?: { isError?: boolean }) => {
    const item = { id: nextToastId++, text, isError: options?.isError ?? false };
    setItems((current) => [...current, item].slice(-MAX_VISIBLE_TOASTS));
    // Errors stay longer: the clerk has to read what went wrong.
    setTimeout(
      () => setItems((current) => current.filter((x) => x.id !== item.id)),
      item.isError ? 8000 : 3000,
    );
  }, []);
  const api = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {items.map((item) => (
          <div key={item.id} className={`toast${item.isError ? ' toast-error' : ''}`}>
            {typeof item.text === 'function' ? item.text(t) : item.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  return useContext(ToastContext);
}
