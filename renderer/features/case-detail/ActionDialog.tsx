import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { Contact } from '../../../shared/domain/contacts';
import type { CaseRecord } from '../../../shared/domain/case';
import type { CaseDetail } from '../../../shared/domain/case-detail';
import { transitionInputSchema } from '../../../shared/domain/lifecycle';
import { issueMessage } from '../../../shared/ipc/validation';
import type { UserSummary } from '../../../shared/ipc/channels/admin';
import { useSession } from '../../app/session';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { branchToday } from '../../ui/format';
import { ErrorBox } from '../../ui/status-indicators';
import {
  ACTION_FIELDS,
  initialValues,
  toTransitionInput,
  type ActionField,
  type ActionValues,
  type FormAction,
} from './action-fields';
import { errorWording, fieldWordings, inLanguage, type Wording } from '../../ui/wording';

const LABEL_KEYS: Record<string, string> = {
  handlerUserId: 'handler',
  resolutionAmountFen: 'amount',
  survivorCaseId: 'survivor',
};

/** Who can be assigned: the user list when the role may read it, else the signed-in user. */
function useHandlers(isNeeded: boolean): UserSummary[] {
  const { user } = useSession();
  const self: UserSummary = {
    id: user.userId,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    branchCode: user.branchCode,
    isActive: true,
    createdAt: 0,
    updatedAt: 0,
  };
  const [users, setUsers] = useState<UserSummary[]>([self]);
  useEffect(() => {
    if (!isNeeded) return;
    invoke('users:list')
      .then((result) =>
        setUsers(
          result.users.filter((u) => u.isActive && ['handler', 'supervisor', 'admin'].includes(u.role)),
        ),
      )
      .catch(() => undefined);
  }, [isNeeded]);
  return users;
}

/** The case's contact log, for the steps that may name the contact that informed the customer. */
function useContacts(caseId: string, isNeeded: boolean): Contact[] {
  const [contacts, setContacts] = useState<Contact[]>([]);
  useEffect(() => {
    if (!isNeeded) return;
    invoke('casework:get', { caseId })
      .then((work) => setContacts(work.contacts))
      .catch(() => undefined);
  }, [caseId, isNeeded]);
  return contacts;
}

export function ActionDialog({
  record,
  action,
  onClose,
  onDone,
}: {
  record: CaseRecord;
  action: FormAction;
  onClose(): void;
  onDone(next: CaseDetail): void;
}) {
  const { t } = useTranslation('detail');
  const fields = ACTION_FIELDS[action];
  const handlers = useHandlers(action === 'assign');
  const contacts = useContacts(
    record.id,
    fields.some((f) => f.kind === 'contact'),
  );
  const [values, setValues] = useState<ActionValues>(() => initialValues(action, branchToday()));
  const [errors, setErrors] = useState<Record<string, Wording>>({});
  const [failure, setFailure] = useState<Wording>('');
  const [isBusy, setBusy] = useState(false);

  async function submit() {
    // Until the user picks, the handler shown first is the one chosen.
    const chosen =
      action === 'assign' && !values.handlerUserId
        ? { ...values, handlerUserId: handlers[0]?.id ?? '' }
        : values;
    const input = toTransitionInput(action, chosen);
    const parsed = transitionInputSchema.safeParse(input);
    if (!parsed.success) {
      // The same localised messages the server would give (never zod's English), first per field.
      const found: Record<string, Wording> = {};
      for (const issue of parsed.error.issues)
        found[String(issue.path[0] ?? 'action')] ??= inLanguage((locale) =>
          issueMessage(issue, input, locale),
        );
      setErrors(found);
      return;
    }
    setBusy(true);
    setFailure('');
    try {
      onDone(
        await invoke('cases:transition', { caseId: record.id, version: record.version, input: parsed.data }),
      );
    } catch (error) {
      setFailure(() => errorWording(error));
      setErrors(fieldWordings(error));
    } finally {
      setBusy(false);
    }
  }
  const control = (field: ActionField) => {
    const value = values[field.name];
    const set = (next: string | boolean) => setValues({ ...values, [field.name]: next });
    switch (field.kind) {
      case 'checkbox':
        return (
          <input
            type="checkbox"
            name={field.name}
            checked={value === true}
            onChange={(e) => set(e.target.checked)}
          />
        );
      case 'textarea':
        return (
          <textarea
            name={field.name}
            rows={field.name === 'decisionNotice' ? 6 : 3}
            value={String(value)}
            onChange={(e) => set(e.target.value)}
          />
        );
      case 'date':
        return (
          <input type="date" name={field.name} value={String(value)} onChange={(e) => set(e.target.value)} />
        );
      case 'select':
        return (
          <select name={field.name} value={String(value)} onChange={(e) => set(e.target.value)}>
            {field.hasNoDefault ? <option value="">{t('dialog.choose')}</option> : null}
            {(field.options ?? []).map((option) => (
              <option key={option} value={option}>
                {field.labelPrefix?.endsWith('.')
                  ? t(`${field.labelPrefix}${option}`)
                  : t(field.labelPrefix ?? '', { count: Number(option) })}
              </option>
            ))}
          </select>
        );
      case 'handler':
        return (
          <select name={field.name} value={String(value)} onChange={(e) => set(e.target.value)}>
            {handlers.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}（{u.username}）
              </option>
            ))}
          </select>
        );
      case 'contact':
        return (
          <select name={field.name} value={String(value)} onChange={(e) => set(e.target.value)}>
            <option value="">{t('casework:contacts.none')}</option>
            {contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.contactDate} {t(`casework:contactMethods.${c.method}`)} {c.summary.slice(0, 30)}
              </option>
            ))}
          </select>
        );
      case 'text':
      case 'amount':
        return <input name={field.name} value={String(value)} onChange={(e) => set(e.target.value)} />;
      default: {
        const unreachable: never = field.kind;
        return unreachable;
      }
    }
  };
  return (
    <Dialog
      title={`${t(`common:actions.${action}`)} · ${record.caseNo}`}
      onClose={onClose}
      testId="action-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common:common.cancel')}</Button>
          <Button
            variant="primary"
            disabled={isBusy}
            onClick={() => void submit()}
            data-testid="action-confirm"
          >
            {t('common:common.confirm')}
          </Button>
        </>
      }
    >
      {action === 'archive' ? <p>{t('dialog.confirmArchive')}</p> : null}
      {fields.map((field) => (
        <Field
          key={field.name}
          label={t(`dialog.${LABEL_KEYS[field.name] ?? field.name}`)}
          error={errors[field.name]}
        >
          {control(field)}
        </Field>
      ))}
      {failure ? <ErrorBox message={failure} /> : null}
    </Dialog>
  );
}
