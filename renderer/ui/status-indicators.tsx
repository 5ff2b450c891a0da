import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useWord, type Wording } from './wording';

export function Spinner({ label }: { label?: string }) {
  return (
    <span role="status" aria-label={label} className="row">
      <span className="spinner" />
      {label ? <span className="muted">{label}</span> : null}
    </span>
  );
}

export function ProgressBar({ value }: { value: number }) {
  const percent = Math.max(0, Math.min(100, Math.round(value * 100)));
  return (
    <div
      className="progress"
      role="progressbar"
      aria-valuenow={percent}
      aria-valuemin={0}
      aria-valuemax={100}
    >
      <div style={{ width: `${percent}%` }} />
    </div>
  );
}

export function EmptyState({ title, children }: { title?: string; children?: ReactNode }) {
  const { t } = useTranslation('common');
  return (
    <div className="empty">
      <strong>{title ?? t('common.emptyTitle')}</strong>
      {children}
    </div>
  );
}

/** A failure on the page; `message` as a Wording (`errorWording(error)`) follows a language switch. */
export function ErrorBox({ message, onRetry }: { message: Wording; onRetry?: () => void }) {
  const { t } = useTranslation('common');
  const word = useWord();
  return (
    <div className="error-box row" role="alert">
      <span>{word(message)}</span>
      <span className="spacer" />
      {onRetry ? (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation('common');
  return (
    <div className="empty">
      <Spinner label={t('common.loading')} />
    </div>
  );
}
