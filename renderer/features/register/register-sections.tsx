import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ID_TYPES, PRIORITIES } from '../../../shared/domain/case';
import { INTAKE_METHODS } from '../../../shared/domain/case-codes';
import { applicableParts } from '../../../shared/domain/registration-rules';
import { Field } from '../../ui/Field';
import type { FormErrors, RegistrationForm } from './registration-form';
import { SuggestedCodes } from '../case-work/SuggestedCodes';
import { TaxonomyPicker } from './TaxonomyPicker';

export interface SectionProps {
  form: RegistrationForm;
  errors: FormErrors;
  set<K extends keyof RegistrationForm>(key: K, value: RegistrationForm[K]): void;
  /** Checks an input with the shared rules when the clerk leaves it. */
  check?(key: keyof RegistrationForm): void;
  /** Suggest codes from the text (the registration form while shown; not when correcting a case). */
  isSuggesting?: boolean;
}

type TextKey = {
  [K in keyof RegistrationForm]: RegistrationForm[K] extends string ? K : never;
}[keyof RegistrationForm];
type FlagKey = {
  [K in keyof RegistrationForm]: RegistrationForm[K] extends boolean ? K : never;
}[keyof RegistrationForm];

function useInputs({ form, errors, set, check }: SectionProps) {
  const { t } = useTranslation('register');
  const text = (
    key: TextKey,
    options: { className?: string; isTextArea?: boolean; type?: string; autoFocus?: boolean } = {},
  ) => (
    <Field label={t(`fields.${key}`)} error={errors[key]} className={options.className}>
      {options.isTextArea ? (
        <textarea name={key} value={form[key]} onChange={(e) => set(key, e.target.value)} rows={3} />
      ) : (
        <input
          name={key}
          type={options.type ?? 'text'}
          value={form[key]}
          autoFocus={options.autoFocus}
          onChange={(e) => set(key, e.target.value)}
          onBlur={() => check?.(key)}
        />
      )}
    </Field>
  );
  const flag = (key: FlagKey) => (
    <label className="checkbox">
      <input type="checkbox" name={key} checked={form[key]} onChange={(e) => set(key, e.target.checked)} />
      {t(`fields.${key}`)}
    </label>
  );
  return { t, text, flag };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function ComplainantSection(props: SectionProps) {
  const { form, errors, set } = props;
  const { t, text, flag } = useInputs(props);
  const isPerson = form.kind === 'person';
  const applies = applicableParts(form);
  return (
    <Section title={t('sections.complainant')}>
      <div className="grid-4">
        {text('receivedAt', { type: 'datetime-local' })}
        <Field label={t('casework:intake.label')} error={errors.intakeMethod}>
          <select
            name="intakeMethod"
            value={form.intakeMethod}
            onChange={(e) => set('intakeMethod', e.target.value as RegistrationForm['intakeMethod'])}
          >
            <option value="">{t('casework:intake.none')}</option>
            {INTAKE_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`casework:intakeMethods.${m}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('kind.label')}>
          <select
            name="kind"
            value={form.kind}
            onChange={(e) => set('kind', e.target.value as RegistrationForm['kind'])}
          >
            <option value="person">{t('kind.person')}</option>
            <option value="organisation">{t('kind.organisation')}</option>
          </select>
        </Field>
        {text('name', { className: 'span-2' })}
        {isPerson ? (
          <>
            <Field label={t('fields.idType')}>
              <select
                name="idType"
                value={form.idType}
                onChange={(e) => set('idType', e.target.value as RegistrationForm['idType'])}
              >
                {ID_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`idTypes.${type}`)}
                  </option>
                ))}
              </select>
            </Field>
            {text('idNumber')}
          </>
        ) : (
          <>
            {text('creditCode')}
            {text('legalRepresentative')}
          </>
        )}
        {text('phone')}
        {text('address')}
        {text('agentName')}
        {text('agentPhone')}
        <div className="row span-2" style={{ gap: 16 }}>
          {flag('isElderly')}
          {flag('isDisabled')}
          {flag('isGroup')}
        </div>
        {applies.agentAuthorisation ? text('agentAuthorisation', { className: 'span-2' }) : null}
        {applies.groupRepresentatives ? (
          <Field
            label={t('fields.groupRepresentatives')}
            hint={t('groupRepresentativesHint')}
            error={errors.groupRepresentatives}
            className="span-2"
          >
            <textarea
              name="groupRepresentatives"
              rows={3}
              value={form.groupRepresentatives}
              onChange={(e) => set('groupRepresentatives', e.target.value)}
            />
          </Field>
        ) : null}
      </div>
    </Section>
  );
}

/** 被投诉人: the unit complained about and, when named, the staff member and their unit. */
export function RespondentSection(props: SectionProps) {
  const { t, text } = useInputs(props);
  return (
    <Section title={t('sections.respondent')}>
      <div className="grid-3">
        {text('respondentUnit')}
        {text('respondentStaffName')}
        {text('respondentStaffUnit')}
      </div>
    </Section>
  );
}

export function MatterSection(props: SectionProps) {
  const { t, text } = useInputs(props);
  return (
    <Section title={t('sections.matter')}>
      <div className="grid-3">
        {text('request', { isTextArea: true, className: 'span-all' })}
        {text('facts', { isTextArea: true, className: 'span-all' })}
        {text('grounds', { isTextArea: true, className: 'span-all' })}
        {text('productName')}
        {text('accountNumber')}
        {text('amount')}
      </div>
    </Section>
  );
}

export function ClassificationSection(props: SectionProps) {
  const { form, errors, set } = props;
  const { t, flag } = useInputs(props);
  const applies = applicableParts(form);
  const picker = (
    key: 'channelCode' | 'businessCode' | 'causeCode' | 'insuranceCategoryCode' | 'insuranceLine',
    scheme: 'A' | 'B' | 'C' | 'INS' | 'INS_LINE',
    label: string,
  ) => (
    <Field label={t(`fields.${label}`)} error={errors[key]}>
      <TaxonomyPicker scheme={scheme} name={key} value={form[key]} onChange={(code) => set(key, code)} />
    </Field>
  );
  return (
    <Section title={`${t('sections.classification')} · ${t('sections.priority')}`}>
      <div className="grid-4">
        {picker('channelCode', 'A', 'channel')}
        {picker('businessCode', 'B', 'business')}
        {picker('causeCode', 'C', 'cause')}
        {applies.insurance ? (
          <>
            {picker('insuranceCategoryCode', 'INS', 'insuranceCategory')}
            {picker('insuranceLine', 'INS_LINE', 'insuranceLine')}
          </>
        ) : null}
        <Field label={t('fields.priority')}>
          <select
            name="priority"
            value={form.priority}
            onChange={(e) => set('priority', e.target.value as RegistrationForm['priority'])}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`common:priorities.${p}`)}
              </option>
            ))}
          </select>
        </Field>
        <SuggestedCodes
          text={`${form.request} ${form.facts}`}
          isActive={props.isSuggesting ?? false}
          onPickPair={(businessCode, causeCode) => {
            set('businessCode', businessCode);
            set('causeCode', causeCode);
          }}
          onPickChannel={(channelCode) => set('channelCode', channelCode)}
        />
        <div className="row span-all" style={{ gap: 16 }}>
          {flag('mediaExposure')}
          {flag('regulatorTransferred')}
          {flag('repeatComplaint')}
        </div>
      </div>
    </Section>
  );
}

/** The whole registration form body: the same inputs whether registering or correcting a case. */
export function RegistrationFields(props: SectionProps) {
  return (
    <>
      <ComplainantSection {...props} />
      <MatterSection {...props} />
      <ClassificationSection {...props} />
      {/* Last: the keyboard path of a call (complainant → matter → codes → save) stays as it was. */}
      <RespondentSection {...props} />
    </>
  );
}
