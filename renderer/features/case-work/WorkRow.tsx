import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import type { Wording } from '../../ui/wording';

/**
 * One entry of a case-work list (a contact, a rectification action, a referral): what it is on the
 * left, its state as a chip on the right (overdue first), details and next steps under it.
 */
export function WorkRow(props: {
  testId: string;
  status?: string;
  heading: ReactNode;
  statusLabel: string;
  isOverdue?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation('casework');
  return (
    <li data-testid={props.testId} data-status={props.status}>
      <div className="row">
        {props.heading}
        <span className="spacer" />
        {props.isOverdue ? <span className="chip chip-alert">{t('actions.overdue')}</span> : null}
        <span className="chip chip-open">{props.statusLabel}</span>
      </div>
      {props.children}
    </li>
  );
}

/** The steps a user may take on an entry, with the one text a step needs (evidence, an answer). */
export function WorkSteps(props: {
  note: {
    name: string;
    label: string;
    value: string;
    error?: Wording | undefined;
    onChange(value: string): void;
  } | null;
  steps: readonly { key: string; label: string; onClick(): void }[];
  isBusy: boolean;
}) {
  if (props.steps.length === 0) return null;
  const { note } = props;
  return (
    <div className="row work-steps">
      {note ? (
        <Field label={note.label} error={note.error}>
          <input name={note.name} value={note.value} onChange={(e) => note.onChange(e.target.value)} />
        </Field>
      ) : null}
      {props.steps.map((step) => (
        <Button key={step.key} isSmall disabled={props.isBusy} onClick={step.onClick}>
          {step.label}
        </Button>
      ))}
    </div>
  );
}
