import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import {
  composeLetterText,
  LETTER_KINDS,
  LETTER_PLACEHOLDERS,
  unknownPlaceholders,
  type LetterKind,
  type LetterValues,
} from '../../../shared/domain/letters';
import type { Locale } from '../../../shared/i18n/define';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { ErrorBox, Loading } from '../../ui/status-indicators';
import { useToast } from '../../ui/Toast';
import { LetterPreview } from '../letters/LetterSheet';
import { failureWording, type Wording } from '../../ui/wording';
import '../letters/letters.css';
import { useLoad } from './use-load';

/** Each placeholder shown as 【its name】, so the preview needs no case. */
function sampleValues(label: (name: string) => string): LetterValues {
  return Object.fromEntries(LETTER_PLACEHOLDERS.map((name) => [name, `【${label(name)}】`])) as LetterValues;
}

type TemplateView = ResponseOf<'letters:list-templates'>[number];

export function LetterTemplatesTab() {
  const { t } = useTranslation('records');
  const [locale, setLocale] = useState<Locale>('zh-CN');
  const [kind, setKind] = useState<LetterKind>('decision');
  const { data, error, reload } = useLoad(
    useCallback(() => invoke('letters:list-templates', { locale }), [locale]),
  );
  const current = data?.find((template) => template.kind === kind);
  if (error) return <ErrorBox message={error} onRetry={reload} />;
  if (!data || !current) return <Loading />;
  return (
    <section className="panel letter-templates" data-testid="letter-templates-tab">
      <p>{t('templates.intro', { example: '{{customerName}}' })}</p>
      <div className="letter-dialog">
        <div className="letter-controls">
          <Field label={t('templates.kind')}>
            <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as LetterKind)}>
              {LETTER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`recordTerms:letters.kinds.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('templates.language')}>
            <select name="locale" value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
              <option value="zh-CN">中文</option>
              <option value="en">English</option>
            </select>
          </Field>
          <p className="muted" data-testid="template-origin">
            {current.isCustom ? t('templates.custom') : t('templates.default')}
          </p>
          <h3>{t('templates.placeholders')}</h3>
          <ul className="placeholder-list">
            {LETTER_PLACEHOLDERS.map((name) => (
              <li key={name}>
                <code>{`{{${name}}}`}</code> {t(`recordTerms:letters.placeholders.${name}`)}
              </li>
            ))}
          </ul>
        </div>
        {/* Keyed by the stored text: switching letter or saving starts the editor afresh. */}
        <TemplateEditor
          key={`${kind}.${locale}.${current.title}.${current.body}`}
          template={current}
          onSaved={reload}
        />
      </div>
    </section>
  );
}

/** Title and text of one template, with a live preview; the service checks again on save. */
function TemplateEditor({ template, onSaved }: { template: TemplateView; onSaved: () => void }) {
  const { t } = useTranslation('records');
  const toast = useToast();
  const [draft, setDraft] = useState({ title: template.title, body: template.body });
  const [bodyError, setBodyError] = useState<Wording>('');
  const values = sampleValues((name) => t(`recordTerms:letters.placeholders.${name}`));
  const unknown = unknownPlaceholders(`${draft.title}\n${draft.body}`);
  const unknownText = unknown.length
    ? t('recordTerms:letters.unknownPlaceholder', { names: unknown.map((n) => `{{${n}}}`).join('、') })
    : undefined;
  async function save() {
    try {
      await invoke('letters:save-template', { kind: template.kind, locale: template.locale, ...draft });
      toast.show((tr) => tr('records:templates.saved'));
      onSaved();
    } catch (failure) {
      setBodyError(() => failureWording(failure, 'body'));
    }
  }
  return (
    <div className="letter-controls">
      <Field label={t('templates.titleField')}>
        <input
          name="title"
          value={draft.title}
          onChange={(e) => setDraft({ ...draft, title: e.target.value })}
        />
      </Field>
      <Field label={t('templates.body')} error={bodyError || unknownText}>
        <textarea
          name="body"
          rows={12}
          value={draft.body}
          onChange={(e) => {
            setDraft({ ...draft, body: e.target.value });
            setBodyError('');
          }}
        />
      </Field>
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <Button variant="primary" onClick={() => void save()} data-testid="template-save">
          {t('templates.save')}
        </Button>
      </div>
      <LetterPreview label={t('templates.preview')} letter={composeLetterText(draft, values)} />
    </div>
  );
}
