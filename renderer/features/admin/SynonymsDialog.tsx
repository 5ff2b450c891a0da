import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { MAX_SYNONYMS, splitSynonyms, type TaxonomyCode } from '../../../shared/domain/taxonomy';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { errorWording, type Wording } from '../../ui/wording';

/** An administrator edits a code's search words: one per line, or separated by 、 or commas. */
export function SynonymsDialog({
  code,
  onClose,
  onSaved,
}: {
  code: TaxonomyCode;
  onClose(): void;
  onSaved(): void;
}) {
  const { t, i18n } = useTranslation('admin');
  const [text, setText] = useState(code.synonyms.join('\n'));
  const [error, setError] = useState<Wording | undefined>();
  const words = splitSynonyms(text);
  const save = async () => {
    if (words.length > MAX_SYNONYMS || words.some((word) => word.length > 20)) {
      const tooMany: Wording = (tr) => tr('admin:taxonomy.synonymsTooMany', { max: MAX_SYNONYMS });
      setError(() => tooMany);
      return;
    }
    try {
      await invoke('taxonomy:set-synonyms', { scheme: code.scheme, code: code.code, synonyms: words });
      onSaved();
    } catch (failure) {
      setError(() => errorWording(failure));
    }
  };
  const name = i18n.language === 'en' ? code.nameEn : code.nameZh;
  return (
    <Dialog
      title={t('taxonomy.synonymsTitle', { code: code.code, name })}
      onClose={onClose}
      testId="synonyms-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common:common.cancel')}</Button>
          <Button variant="primary" onClick={() => void save()} data-testid="synonyms-save">
            {t('common:common.save')}
          </Button>
        </>
      }
    >
      <Field label={t('taxonomy.synonyms')} hint={t('taxonomy.synonymsHint')} error={error}>
        <textarea name="synonyms" rows={6} value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
    </Dialog>
  );
}
