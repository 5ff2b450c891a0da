import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface ToastItem {
  id: number;
  text: string;
  isError: boolean;
}
interface ToastApi {
  show(text: string, options?: { isError?: boolean }): void;
}

const ToastContext = createContext<ToastApi>({ show: () => undefined });

let nextToastId = 1;
/** Quick steps in a row (accept, assign, investigate…) would pile notices over the page: the newest few stay. */
const MAX_VISIBLE_TOASTS = 3;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const show = useCallback((text: string, options?: { isError?: boolean }) => {
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
            {item.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  return useContext(ToastContext);
}
