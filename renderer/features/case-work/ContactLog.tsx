import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import {
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  type Contact,
  type ContactMethod,
  type ContactOutcome,
} from '../../../shared/domain/contacts';
import { useSession } from '../../app/session';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { branchToday } from '../../ui/format';
import { useSubmit } from './use-case-work';
import { WorkRow } from './WorkRow';

/** Every contact with the customer while the case is handled; entries are never edited. */
export function ContactLog(props: {
  caseId: string;
  contacts: Contact[];
  canHandle: boolean;
  onChanged(): void;
}) {
  const { caseId, contacts, canHandle, onChanged } = props;
  const { t } = useTranslation('casework');
  const { user } = useSession();
  const fresh = () => ({
    contactDate: branchToday(),
    method: 'phone' as ContactMethod,
    contactedBy: user.displayName,
    summary: '',
    outcome: 'informed' as ContactOutcome,
  });
  const [draft, setDraft] = useState(fresh);
  const { errors, isBusy, submit } = useSubmit();
  const add = async () => {
    if (
      await submit(() => invoke('casework:log-contact', { caseId, ...draft }), t('contacts.added'), onChanged)
    )
      setDraft(fresh());
  };
  return (
    <section className="panel" data-testid="contact-log">
      <h2>{t('contacts.title')}</h2>
      {contacts.length === 0 ? <p className="muted">{t('contacts.empty')}</p> : null}
      <ul className="work-list">
        {contacts.map((c) => (
          <WorkRow
            key={c.id}
            testId="contact-entry"
            heading={
              <>
                <strong>{c.contactDate}</strong>
                <span>{t(`contactMethods.${c.method}`)}</span>
                <span className="muted">{c.contactedBy}</span>
              </>
            }
            statusLabel={t(`contactOutcomes.${c.outcome}`)}
          >
            <div>{c.summary}</div>
          </WorkRow>
        ))}
      </ul>
      {canHandle ? (
        <div className="work-form grid-4" data-testid="contact-form">
          <Field label={t('contacts.date')} error={errors['contactDate']}>
            <input
              type="date"
              name="contactDate"
              value={draft.contactDate}
              max={branchToday()}
              onChange={(e) => setDraft({ ...draft, contactDate: e.target.value })}
            />
          </Field>
          <Field label={t('contacts.method')}>
            <select
              name="method"
              value={draft.method}
              onChange={(e) => setDraft({ ...draft, method: e.target.value as ContactMethod })}
            >
              {CONTACT_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`contactMethods.${m}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('contacts.by')} error={errors['contactedBy']}>
            <input
              name="contactedBy"
              value={draft.contactedBy}
              onChange={(e) => setDraft({ ...draft, contactedBy: e.target.value })}
            />
          </Field>
          <Field label={t('contacts.outcome')}>
            <select
              name="outcome"
              value={draft.outcome}
              onChange={(e) => setDraft({ ...draft, outcome: e.target.value as ContactOutcome })}
            >
              {CONTACT_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`contactOutcomes.${o}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('contacts.summary')} error={errors['summary']} className="span-all">
            <textarea
              name="summary"
              rows={2}
              value={draft.summary}
              onChange={(e) => setDraft({ ...draft, summary: e.target.value })}
            />
          </Field>
          <div className="row span-all">
            <span className="spacer" />
            <Button isSmall disabled={isBusy} onClick={() => void add()} data-testid="contact-add">
              {t('contacts.add')}
            </Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
