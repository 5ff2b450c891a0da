import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { TAXONOMY_SCHEMES, type TaxonomyCode } from '../../../shared/domain/taxonomy';
import { useTaxonomy } from '../../app/taxonomy';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { ErrorBox, Loading } from '../../ui/status-indicators';
import { useToast } from '../../ui/Toast';
import { SynonymsDialog } from './SynonymsDialog';
import { useLoad } from './use-load';

type Scheme = (typeof TAXONOMY_SCHEMES)[number];

function Tree({
  codes,
  parent,
  onRetire,
  onEditSynonyms,
}: {
  codes: TaxonomyCode[];
  parent: string | null;
  onRetire(c: TaxonomyCode): void;
  onEditSynonyms(c: TaxonomyCode): void;
}) {
  const { t, i18n } = useTranslation('admin');
  const children = codes.filter((c) => c.parentCode === parent);
  if (children.length === 0) return null;
  return (
    <ul className="tree">
      {children.map((c) => (
        <li key={c.code}>
          <span className={c.retiredAt !== null ? 'retired' : ''}>
            <span className="mono">{c.code}</span> {i18n.language === 'en' ? c.nameEn : c.nameZh}
          </span>{' '}
          <span className="muted synonyms" data-testid={`synonyms-${c.code}`}>
            {c.synonyms.length > 0 ? c.synonyms.join('、') : t('taxonomy.synonymsNone')}
          </span>{' '}
          {c.retiredAt !== null ? (
            <span className="chip">{t('taxonomy.retired')}</span>
          ) : (
            <>
              <Button
                isSmall
                variant="ghost"
                onClick={() => onEditSynonyms(c)}
                data-testid={`edit-synonyms-${c.code}`}
              >
                {t('taxonomy.synonymsEdit')}
              </Button>
              <Button isSmall variant="ghost" onClick={() => onRetire(c)}>
                {t('taxonomy.retire')}
              </Button>
            </>
          )}
          <Tree codes={codes} parent={c.code} onRetire={onRetire} onEditSynonyms={onEditSynonyms} />
        </li>
      ))}
    </ul>
  );
}

export function TaxonomyTab() {
  const { t } = useTranslation('admin');
  const toast = useToast();
  const taxonomy = useTaxonomy();
  const [scheme, setScheme] = useState<Scheme>('A');
  const { data, error, reload } = useLoad(
    useCallback(() => invoke('taxonomy:list', { scheme, includeRetired: true }), [scheme]),
  );
  const [draft, setDraft] = useState({ code: '', parentCode: '', nameZh: '', nameEn: '' });
  const [editing, setEditing] = useState<TaxonomyCode | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      reload();
      taxonomy.reload();
    } catch (failure) {
      toast.showError(failure);
    }
  };
  return (
    <section className="panel">
      <div className="row" role="tablist" aria-label={t('tabs.taxonomy')}>
        {TAXONOMY_SCHEMES.map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            className="view-tab"
            aria-selected={s === scheme}
            onClick={() => setScheme(s)}
          >
            {t(`taxonomy.schemes.${s}`)}
          </button>
        ))}
      </div>
      {error ? <ErrorBox message={error} onRetry={reload} /> : null}
      {editing ? (
        <SynonymsDialog
          code={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            toast.show((tr) => tr('common:common.saved'));
            reload();
            taxonomy.reload();
          }}
        />
      ) : null}
      {data ? (
        <Tree
          codes={data.codes}
          parent={null}
          onRetire={(c) => void run(() => invoke('taxonomy:retire', { scheme, code: c.code }))}
          onEditSynonyms={setEditing}
        />
      ) : (
        <Loading />
      )}
      <h3 style={{ marginTop: 16 }}>{t('taxonomy.add')}</h3>
      <div className="add-row">
        <Field label={t('taxonomy.parent')}>
          <input
            value={draft.parentCode}
            onChange={(e) => setDraft({ ...draft, parentCode: e.target.value })}
          />
        </Field>
        <Field label={t('taxonomy.code')}>
          <input value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.target.value })} />
        </Field>
        <Field label={t('taxonomy.nameZh')}>
          <input value={draft.nameZh} onChange={(e) => setDraft({ ...draft, nameZh: e.target.value })} />
        </Field>
        <Field label={t('taxonomy.nameEn')}>
          <input value={draft.nameEn} onChange={(e) => setDraft({ ...draft, nameEn: e.target.value })} />
        </Field>
        <Button
          variant="primary"
          onClick={() =>
            void run(() =>
              invoke('taxonomy:add', {
                scheme,
                code: draft.code,
                parentCode: draft.parentCode || null,
                nameZh: draft.nameZh,
                nameEn: draft.nameEn,
              }),
            )
          }
        >
          {t('taxonomy.add')}
        </Button>
      </div>
    </section>
  );
}
