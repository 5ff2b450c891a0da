import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { useCan } from '../../app/session';
import {
  MINIMUM_RETENTION_YEARS,
  RETENTION_CATEGORIES,
  type RetentionYears,
} from '../../../shared/domain/retention';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { fieldWordings, type Wording } from '../../ui/wording';

/** The periods; administrators may lengthen them (the service refuses anything below the minimum). */
export function RetentionPeriods({ years, onChanged }: { years: RetentionYears; onChanged: () => void }) {
  const { t } = useTranslation('disposal');
  const toast = useToast();
  const canEdit = useCan('archive:manage');
  const [draft, setDraft] = useState({
    complaint: String(years.complaint),
    credit_reporting: String(years.credit_reporting),
  });
  const [errors, setErrors] = useState<Record<string, Wording>>({});
  async function save() {
    try {
      await invoke('retention:set-years', {
        complaint: Number(draft.complaint),
        credit_reporting: Number(draft.credit_reporting),
      });
      setErrors({});
      toast.show((tr) => tr('disposal:periods.saved'));
      onChanged();
    } catch (error) {
      setErrors(fieldWordings(error));
      toast.showError(error);
    }
  }
  return (
    <section className="panel" aria-labelledby="retention-periods" data-testid="retention-periods">
      <h2 id="retention-periods">{t('periods.title')}</h2>
      <div className="retention-periods">
        {RETENTION_CATEGORIES.map((category) => (
          <Field
            key={category}
            label={t(`retentionClasses.${category}`)}
            hint={t('periods.minimum', { years: MINIMUM_RETENTION_YEARS[category] })}
            error={errors[category]}
          >
            <input
              type="number"
              min={MINIMUM_RETENTION_YEARS[category]}
              max={100}
              readOnly={!canEdit}
              value={draft[category]}
              onChange={(event) => setDraft({ ...draft, [category]: event.target.value })}
            />
          </Field>
        ))}
        {canEdit ? (
          <Button variant="primary" onClick={() => void save()}>
            {t('periods.save')}
          </Button>
        ) : (
          <p className="muted">{t('periods.adminOnly')}</p>
        )}
      </div>
      <p className="muted">{t('periods.permanentNote')}</p>
    </section>
  );
}
