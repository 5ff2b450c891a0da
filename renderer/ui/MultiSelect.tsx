import { useEffect, useId, useRef, useState } from 'react';

export interface MultiSelectProps {
  /** Omitted for a bare button (e.g. the column chooser in a header). */
  label?: string;
  options: { value: string; label: string }[];
  selected: string[];
  onChange(next: string[]): void;
  /** Shown when nothing is selected. */
  anyLabel: string;
  selectedLabel: (count: number) => string;
  testId?: string;
  /** 'end': the list opens leftwards from the button's right edge (a button at the right of a bar). */
  align?: 'start' | 'end';
}

/** A button that opens a checkbox list; Esc or a click outside closes it. */
export function MultiSelect({
  label,
  options,
  selected,
  onChange,
  anyLabel,
  selectedLabel,
  testId,
  align = 'start',
}: MultiSelectProps) {
  const [isOpen, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const labelId = useId();
  const buttonId = useId();
  useEffect(() => {
    if (!isOpen) return undefined;
    const close = (event: MouseEvent) => {
      if (!ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [isOpen]);
  const summary =
    selected.length === 0
      ? anyLabel
      : selected.length === 1
        ? (options.find((o) => o.value === selected[0])?.label ?? selected[0])
        : selectedLabel(selected.length);
  return (
    <div className="field multi" ref={ref} onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}>
      {label ? (
        <span className="field-label" id={labelId}>
          {label}
        </span>
      ) : null}
      {/* Named by its label and its own text (axe: the visible text must be part of the name). */}
      <button
        type="button"
        id={buttonId}
        className="btn multi-button"
        aria-expanded={isOpen}
        aria-labelledby={label ? `${labelId} ${buttonId}` : undefined}
        onClick={() => setOpen(!isOpen)}
        data-testid={testId}
      >
        {summary} ▾
      </button>
      {isOpen ? (
        <div className={`multi-menu ${align}`} role="group" aria-labelledby={label ? labelId : undefined}>
          {options.map((option) => (
            <label key={option.value}>
              <input
                type="checkbox"
                value={option.value}
                checked={selected.includes(option.value)}
                onChange={(event) =>
                  onChange(
                    event.target.checked
                      ? [...selected, option.value]
                      : selected.filter((v) => v !== option.value),
                  )
                }
              />
              {option.label}
            </label>
          ))}
        </div>
      ) : null}
    </div>
  );
}
