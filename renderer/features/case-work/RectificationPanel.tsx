import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import {
  isRectificationOverdue,
  type RectificationAction,
  type RectificationStatus,
} from '../../../shared/domain/rectification';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { branchToday } from '../../ui/format';
import { useSubmit } from './use-case-work';
import { WorkRow, WorkSteps } from './WorkRow';

const EMPTY = { what: '', department: '', owner: '', dueDate: '' };

/** The next steps a user may take on an action: the server checks each again. */
function nextSteps(status: RectificationStatus, canApprove: boolean) {
  switch (status) {
    case 'planned':
      return [{ to: 'in_progress', label: 'start' }] as const;
    case 'in_progress':
      return [{ to: 'done', label: 'complete' }] as const;
    case 'done':
      return canApprove
        ? ([
            { to: 'verified', label: 'verify' },
            { to: 'in_progress', label: 'sendBack' },
          ] as const)
        : [];
    case 'verified':
      return [];
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

function ActionRow(props: {
  action: RectificationAction;
  canHandle: boolean;
  canApprove: boolean;
  onChanged(): void;
}) {
  const { action, canHandle, canApprove, onChanged } = props;
  const { t } = useTranslation('casework');
  const [evidence, setEvidence] = useState('');
  const { errors, isBusy, submit } = useSubmit();
  const isOverdue = isRectificationOverdue(action, branchToday());
  const move = (to: RectificationStatus) =>
    void submit(
      () =>
        invoke('casework:move-rectification', {
          id: action.id,
          version: action.version,
          to,
          ...(to === 'done' ? { evidence } : {}),
        }),
      t('actions.moved', { status: t(`rectificationStatuses.${to}`) }),
      onChanged,
    );
  const steps = canHandle ? nextSteps(action.status, canApprove) : [];
  return (
    <WorkRow
      testId="rectification-action"
      status={action.status}
      heading={<strong>{action.what}</strong>}
      isOverdue={isOverdue}
      statusLabel={t(`rectificationStatuses.${action.status}`)}
    >
      <div className="muted">
        {action.department} · {action.owner} · {t('actions.dueDate')} {action.dueDate}
        {action.evidence ? ` · ${t('actions.evidence')}：${action.evidence}` : ''}
      </div>
      <WorkSteps
        note={
          action.status === 'in_progress'
            ? {
                name: 'evidence',
                label: t('actions.evidence'),
                value: evidence,
                error: errors['evidence'],
                onChange: setEvidence,
              }
            : null
        }
        steps={steps.map((step) => ({
          key: step.to,
          label: t(`actions.${step.label}`),
          onClick: () => move(step.to),
        }))}
        isBusy={isBusy}
      />
    </WorkRow>
  );
}

export function RectificationPanel(props: {
  caseId: string;
  actions: RectificationAction[];
  canHandle: boolean;
  canApprove: boolean;
  onChanged(): void;
}) {
  const { caseId, actions, canHandle, onChanged } = props;
  const { t } = useTranslation('casework');
  const [draft, setDraft] = useState(EMPTY);
  const { errors, isBusy, submit } = useSubmit();
  const add = async () => {
    const ok = await submit(
      () => invoke('casework:add-rectification', { caseId, ...draft }),
      t('actions.added'),
      onChanged,
    );
    if (ok) setDraft(EMPTY);
  };
  const input = (key: keyof typeof EMPTY, type = 'text') => (
    <Field label={t(`actions.${key}`)} error={errors[key]}>
      <input
        name={key}
        type={type}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </Field>
  );
  return (
    <div data-testid="rectification">
      <h3>{t('actions.title')}</h3>
      {actions.length === 0 ? <p className="muted">{t('actions.empty')}</p> : null}
      <ul className="work-list">
        {actions.map((action) => (
          <ActionRow key={action.id} {...props} action={action} />
        ))}
      </ul>
      {canHandle ? (
        <div className="work-form grid-4" data-testid="rectification-form">
          {input('what')}
          {input('department')}
          {input('owner')}
          {input('dueDate', 'date')}
          <div className="row span-all">
            <span className="spacer" />
            <Button isSmall disabled={isBusy} onClick={() => void add()} data-testid="rectification-add">
              {t('actions.add')}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
