import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { Settings } from '../../../shared/ipc/channels/admin';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { ErrorBox, Loading } from '../../ui/status-indicators';
import { useToast } from '../../ui/Toast';
import { useLoad } from './use-load';

export function SettingsTab() {
  const { t } = useTranslation('admin');
  const toast = useToast();
  const { data, error, reload } = useLoad(useCallback(() => invoke('settings:get'), []));
  const [edited, setDraft] = useState<Settings | null>(null);
  const draft = edited ?? data;
  if (error) return <ErrorBox message={error} onRetry={reload} />;
  if (!draft) return <Loading />;
  const number = (key: 'idleLockMinutes' | 'dueSoonDays' | 'repeatWindowDays' | 'followUpDays') => (
    <Field label={t(`settings.${key}`)}>
      <input
        type="number"
        name={key}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: Number(e.target.value) })}
      />
    </Field>
  );
  async function save() {
    try {
      setDraft(await invoke('settings:update', draft ?? {}));
      toast.show((tr) => tr('common:common.saved'));
    } catch (failure) {
      toast.showError(failure);
    }
  }
  return (
    <section className="panel" style={{ maxWidth: 720 }}>
      <div className="grid-2">
        {number('idleLockMinutes')}
        <Field label={t('settings.calendarMode')}>
          <select
            name="calendarMode"
            value={draft.calendarMode}
            onChange={(e) => setDraft({ ...draft, calendarMode: e.target.value as Settings['calendarMode'] })}
          >
            <option value="calendar">{t('settings.calendar')}</option>
            <option value="working">{t('settings.working')}</option>
          </select>
        </Field>
        {number('dueSoonDays')}
        {number('repeatWindowDays')}
        {number('followUpDays')}
        <Field label={t('settings.timeZone')}>
          <input value={draft.timeZone} readOnly />
        </Field>
      </div>
      <div className="row" style={{ justifyContent: 'flex-end', marginTop: 16 }}>
        <Button variant="primary" onClick={() => void save()} data-testid="settings-save">
          {t('common:common.save')}
        </Button>
      </div>
    </section>
  );
}
