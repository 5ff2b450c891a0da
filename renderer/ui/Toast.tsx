import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { errorWording, useWord, type Wording } from './wording';

/** What a toast says, worded at each render in the current language (wording.ts). */
export type ToastText = Wording;

interface ToastItem {
  id: number;
  text: ToastText;
  isError: boolean;
}
interface ToastApi {
  show(text: ToastText, options?: { isError?: boolean }): void;
  /** A failed step, in words that follow the language (`errorWording`). */
  showError(error: unknown): void;
}

const ToastContext = createContext<ToastApi>({ show: () => undefined, showError: () => undefined });

let nextToastId = 1;
/** Quick steps in a row (accept, assign, investigate…) would pile notices over the page: the newest few stay. */
const MAX_VISIBLE_TOASTS = 3;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  // Re-renders the toasts when the language changes; their wording functions run again.
  const word = useWord();
  const show = useCallback((text: ToastText, options?: { isError?: boolean }) => {
    const item = { id: nextToastId++, text, isError: options?.isError ?? false };
    setItems((current) => [...current, item].slice(-MAX_VISIBLE_TOASTS));
    // Errors stay longer: the clerk has to read what went wrong.
    setTimeout(
      () => setItems((current) => current.filter((x) => x.id !== item.id)),
      item.isError ? 8000 : 3000,
    );
  }, []);
  const showError = useCallback((error: unknown) => show(errorWording(error), { isError: true }), [show]);
  const api = useMemo(() => ({ show, showError }), [show, showError]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {items.map((item) => (
          <div key={item.id} className={`toast${item.isError ? ' toast-error' : ''}`}>
            {word(item.text)}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  return useContext(ToastContext);
}
