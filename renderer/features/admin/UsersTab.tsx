import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { ROLES, type Role } from '../../../shared/domain/roles';
import { useSession } from '../../app/session';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { ErrorBox, Loading } from '../../ui/status-indicators';
import { useToast } from '../../ui/Toast';
import { useLoad } from './use-load';
import { fieldWordings, type Wording } from '../../ui/wording';

export function UsersTab() {
  const { t } = useTranslation('admin');
  const toast = useToast();
  const { user } = useSession();
  const { data, error, reload } = useLoad(useCallback(() => invoke('users:list'), []));
  const blank = {
    username: '',
    displayName: '',
    role: 'clerk' as Role,
    branchCode: user.branchCode,
    password: '',
  };
  const [draft, setDraft] = useState(blank);
  const [fieldErrors, setFieldErrors] = useState<Record<string, Wording>>({});
  const run = async (work: () => Promise<unknown>, message?: string) => {
    try {
      await work();
      if (message) toast.show(message);
      reload();
      return true;
    } catch (failure) {
      toast.showError(failure);
      return false;
    }
  };
  async function add() {
    setFieldErrors({});
    try {
      await invoke('users:add', draft);
      toast.show((tr) => tr('admin:users.added', { name: draft.displayName }));
      setDraft(blank);
      reload();
    } catch (failure) {
      // The server's field messages (already in the reader's language) mark the inputs they concern.
      setFieldErrors(fieldWordings(failure));
      toast.showError(failure);
    }
  }
  if (error) return <ErrorBox message={error} onRetry={reload} />;
  if (!data) return <Loading />;
  return (
    <section className="panel">
      <table className="table" data-testid="users-table">
        <thead>
          <tr>
            <th>{t('users.username')}</th>
            <th>{t('users.displayName')}</th>
            <th>{t('users.role')}</th>
            <th>{t('users.branch')}</th>
            <th>{t('users.active')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data.users.map((u) => (
            <tr key={u.id}>
              <td className="mono">{u.username}</td>
              <td>{u.displayName}</td>
              <td>{t(`common:roles.${u.role}`)}</td>
              <td>{u.branchCode}</td>
              <td>{u.isActive ? t('users.isActive') : t('users.isInactive')}</td>
              <td className="row">
                <Button
                  isSmall
                  onClick={() =>
                    void run(() => invoke('users:set-active', { userId: u.id, isActive: !u.isActive }))
                  }
                  disabled={u.id === user.userId}
                >
                  {u.isActive ? t('users.deactivate') : t('users.activate')}
                </Button>
                <Button
                  isSmall
                  onClick={() => {
                    const password = window.prompt(t('users.newPassword'));
                    if (password)
                      void run(
                        () => invoke('users:reset-password', { userId: u.id, newPassword: password }),
                        t('users.passwordReset', { name: u.displayName }),
                      );
                  }}
                >
                  {t('users.resetPassword')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 style={{ marginTop: 16 }}>{t('users.add')}</h3>
      <div className="add-row">
        <Field label={t('users.username')} error={fieldErrors.username}>
          <input
            name="username"
            value={draft.username}
            onChange={(e) => setDraft({ ...draft, username: e.target.value })}
          />
        </Field>
        <Field label={t('users.displayName')} error={fieldErrors.displayName}>
          <input
            name="displayName"
            value={draft.displayName}
            onChange={(e) => setDraft({ ...draft, displayName: e.target.value })}
          />
        </Field>
        <Field label={t('users.role')}>
          <select
            name="role"
            value={draft.role}
            onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`common:roles.${role}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('users.branch')} error={fieldErrors.branchCode}>
          <input
            name="branchCode"
            value={draft.branchCode}
            onChange={(e) => setDraft({ ...draft, branchCode: e.target.value })}
          />
        </Field>
        <Field label={t('users.password')} error={fieldErrors.password}>
          <input
            name="password"
            type="password"
            value={draft.password}
            onChange={(e) => setDraft({ ...draft, password: e.target.value })}
          />
        </Field>
        <Button variant="primary" onClick={() => void add()} data-testid="add-user">
          {t('users.add')}
        </Button>
      </div>
    </section>
  );
}
