import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';
import type { GridView } from './cases.views';

export interface ViewTabsProps {
  views: GridView[];
  activeId: string;
  onSelect(view: GridView): void;
  onSaveAs(): void;
  onDelete(view: GridView): void;
}

export function ViewTabs({ views, activeId, onSelect, onSaveAs, onDelete }: ViewTabsProps) {
  const { t } = useTranslation('cases');
  const active = views.find((v) => v.id === activeId);
  return (
    // The tablist holds only tabs (axe aria-required-children); the view actions sit beside it.
    <div className="view-tabs" data-testid="view-tabs">
      <div className="view-tab-list" role="tablist" aria-label={t('views.label')}>
        {views.map((view) => (
          <button
            key={view.id}
            type="button"
            role="tab"
            className="view-tab"
            aria-selected={view.id === activeId}
            onClick={() => onSelect(view)}
          >
            {view.nameKey ? t(view.nameKey) : view.name}
          </button>
        ))}
      </div>
      <Button isSmall variant="ghost" onClick={onSaveAs} data-testid="save-view">
        + {t('views.saveAs')}
      </Button>
      {active && !active.isBuiltIn ? (
        <Button isSmall variant="ghost" className="btn-danger" onClick={() => onDelete(active)}>
          {t('views.delete')}
        </Button>
      ) : null}
    </div>
  );
}
