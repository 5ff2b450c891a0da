import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import {
  REFERRAL_KINDS,
  isReferralOverdue,
  type Referral,
  type ReferralKind,
  type ReferralStatus,
} from '../../../shared/domain/referrals';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { branchToday } from '../../ui/format';
import { useSubmit } from './use-case-work';
import { WorkRow, WorkSteps } from './WorkRow';

const EMPTY = { toDepartment: '', assignee: '', task: '', dueDate: '' };
type TextKey = keyof typeof EMPTY;

const NEXT: Record<ReferralStatus, readonly { to: ReferralStatus; label: string }[]> = {
  sent: [{ to: 'accepted', label: 'accept' }],
  accepted: [{ to: 'answered', label: 'answerIt' }],
  answered: [
    { to: 'closed', label: 'close' },
    { to: 'accepted', label: 'reopen' },
  ],
  closed: [],
};

function ReferralRow({
  referral,
  canHandle,
  onChanged,
}: {
  referral: Referral;
  canHandle: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation('casework');
  const [answer, setAnswer] = useState('');
  const { errors, isBusy, submit } = useSubmit();
  const move = (to: ReferralStatus) =>
    void submit(
      () =>
        invoke('casework:move-referral', {
          id: referral.id,
          version: referral.version,
          to,
          ...(to === 'answered' ? { answer } : {}),
        }),
      t('referrals.moved', { status: t(`referralStatuses.${to}`) }),
      onChanged,
    );
  const target = [referral.toDepartment, referral.toBranchCode].filter(Boolean).join(' · ');
  return (
    <WorkRow
      testId="referral"
      status={referral.status}
      heading={
        <>
          <span className="chip chip-warn">{t(`referralKinds.${referral.kind}`)}</span>
          <strong>{referral.task}</strong>
        </>
      }
      isOverdue={isReferralOverdue(referral, branchToday())}
      statusLabel={t(`referralStatuses.${referral.status}`)}
    >
      <div className="muted">
        {target} · {referral.assignee} · {t('referrals.dueDate')} {referral.dueDate}
      </div>
      {referral.answer ? (
        <div>
          {t('referrals.answer')}：{referral.answer}
        </div>
      ) : null}
      <WorkSteps
        note={
          referral.status === 'accepted'
            ? {
                name: 'answer',
                label: t('referrals.answer'),
                value: answer,
                error: errors['answer'],
                onChange: setAnswer,
              }
            : null
        }
        steps={(canHandle ? NEXT[referral.status] : []).map((step) => ({
          key: step.label,
          label: t(`referrals.${step.label}`),
          onClick: () => move(step.to),
        }))}
        isBusy={isBusy}
      />
    </WorkRow>
  );
}

/**
 * A referral to another branch is the case transfer through head office (one path): the form says
 * so and opens the transfer for a supervisor.
 */
function ReferToBranch({ onReferToBranch }: { onReferToBranch: (() => void) | null }) {
  const { t } = useTranslation('casework');
  return (
    <div className="span-all" data-testid="referral-to-branch">
      <p className="muted">{t('referrals.branchIsTransfer')}</p>
      {onReferToBranch ? (
        <Button isSmall onClick={onReferToBranch} data-testid="referral-transfer">
          {t('referrals.transfer')}
        </Button>
      ) : (
        <p className="muted">{t('referrals.askSupervisor')}</p>
      )}
    </div>
  );
}

/** Referral (转办) and co-handling (协办), each with its task, due date and answer. */
export function ReferralsPanel(props: {
  caseId: string;
  referrals: Referral[];
  canHandle: boolean;
  onChanged(): void;
  onReferToBranch: (() => void) | null;
}) {
  const { caseId, referrals, canHandle, onChanged, onReferToBranch } = props;
  const { t } = useTranslation('casework');
  const [kind, setKind] = useState<ReferralKind>('co_handling');
  const [target, setTarget] = useState<'department' | 'branch'>('department');
  const toBranch = kind === 'referral' && target === 'branch';
  const [draft, setDraft] = useState(EMPTY);
  const { errors, isBusy, submit } = useSubmit();
  const add = async () => {
    const filled = Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim() !== ''));
    const ok = await submit(
      () => invoke('casework:add-referral', { caseId, kind, ...filled } as never),
      t('referrals.added'),
      onChanged,
    );
    if (ok) setDraft(EMPTY);
  };
  const input = (key: TextKey, type = 'text') => (
    <Field label={t(`referrals.${key}`)} error={errors[key]}>
      <input
        name={key}
        type={type}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </Field>
  );
  return (
    <section className="panel" data-testid="referrals">
      <h2>{t('referrals.title')}</h2>
      {referrals.length === 0 ? <p className="muted">{t('referrals.empty')}</p> : null}
      <ul className="work-list">
        {referrals.map((r) => (
          <ReferralRow key={r.id} referral={r} canHandle={canHandle} onChanged={onChanged} />
        ))}
      </ul>
      {canHandle ? (
        <div className="work-form grid-3" data-testid="referral-form">
          <Field label={t('referrals.kind')}>
            <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as ReferralKind)}>
              {REFERRAL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`referralKinds.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          {kind === 'referral' ? (
            <Field label={t('referrals.target')}>
              <select
                name="target"
                value={target}
                onChange={(e) => setTarget(e.target.value as 'department' | 'branch')}
              >
                <option value="department">{t('referrals.targetDepartment')}</option>
                <option value="branch">{t('referrals.targetBranch')}</option>
              </select>
            </Field>
          ) : null}
          {toBranch ? (
            <ReferToBranch onReferToBranch={onReferToBranch} />
          ) : (
            <>
              {input('toDepartment')}
              {input('assignee')}
              {input('dueDate', 'date')}
              {input('task')}
              <div className="row span-all">
                <span className="spacer" />
                <Button isSmall disabled={isBusy} onClick={() => void add()} data-testid="referral-add">
                  {t('referrals.add')}
                </Button>
              </div>
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
