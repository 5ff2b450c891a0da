import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';
import { useWord, type Wording } from './wording';

export interface FieldProps {
  label: ReactNode;
  /** A Wording (`errorWording(error)` for a failed call) follows a language switch. */
  error?: Wording | undefined;
  hint?: ReactNode;
  className?: string;
  /** One input, select or textarea; it gets the id, aria-invalid and aria-describedby. */
  children: ReactElement<Record<string, unknown>>;
}

/** A labelled control with its validation message right under it, where the eye already is. */
export function Field({ label, error, hint, className, children }: FieldProps) {
  const id = useId();
  const word = useWord();
  const errorId = `${id}-error`;
  const control = isValidElement(children)
    ? cloneElement(children, {
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error ? errorId : undefined,
      })
    : children;
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {control}
      {hint && !error ? <span className="field-hint">{hint}</span> : null}
      {error ? (
        <span className="field-error" id={errorId} role="alert">
          {word(error)}
        </span>
      ) : null}
    </div>
  );
}
