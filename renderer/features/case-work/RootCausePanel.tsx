import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import type { CaseRecord } from '../../../shared/domain/case';
import { INTERNAL_CAUSES, type InternalCause } from '../../../shared/domain/case-codes';
import { useTaxonomy } from '../../app/taxonomy';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { useSubmit } from './use-case-work';

/** The coded root cause: the complaint's C code beside the internal cause the handler finds. */
export function RootCausePanel({
  record,
  canEdit,
  onChanged,
}: {
  record: CaseRecord;
  canEdit: boolean;
  onChanged(): void;
}) {
  const { t } = useTranslation('casework');
  const { nameOf } = useTaxonomy();
  const [cause, setCause] = useState<InternalCause | ''>(record.handling.internalCause ?? '');
  const [text, setText] = useState(record.handling.rootCause ?? '');
  const { errors, isBusy, submit } = useSubmit();
  const save = () =>
    cause &&
    void submit(
      () =>
        invoke('casework:set-root-cause', {
          caseId: record.id,
          internalCause: cause,
          ...(text.trim() ? { rootCause: text.trim() } : {}),
        }),
      t('rootCause.saved'),
      onChanged,
    );
  const causeCode = record.classification.causeCode;
  return (
    <div className="root-cause" data-testid="root-cause">
      <div className="grid-3">
        <Field label={t('rootCause.causeCode')}>
          <input value={`${causeCode} ${nameOf('C', causeCode)}`} readOnly />
        </Field>
        <Field label={t('rootCause.internalCause')} error={errors['internalCause']}>
          <select
            name="internalCause"
            value={cause}
            disabled={!canEdit}
            onChange={(e) => setCause(e.target.value as InternalCause)}
          >
            <option value="">{t('rootCause.choose')}</option>
            {INTERNAL_CAUSES.map((c) => (
              <option key={c} value={c}>
                {t(`internalCauses.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('rootCause.text')} error={errors['rootCause']}>
          <input
            name="rootCause"
            value={text}
            readOnly={!canEdit}
            onChange={(e) => setText(e.target.value)}
          />
        </Field>
      </div>
      {canEdit ? (
        <div className="row">
          <span className="spacer" />
          <Button isSmall disabled={isBusy || !cause} onClick={save} data-testid="root-cause-save">
            {t('rootCause.save')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
