import { useTranslation } from 'react-i18next';
import { MultiSelect } from '../../ui/MultiSelect';
import { CASE_COLUMN_IDS } from './cases.columns';

const LABEL_KEYS: Record<(typeof CASE_COLUMN_IDS)[number], string> = {
  caseNo: 'columns.caseNo',
  status: 'columns.status',
  priority: 'columns.priority',
  receivedAt: 'columns.receivedAt',
  dueDate: 'columns.dueDate',
  channelCode: 'columns.channel',
  businessCode: 'columns.business',
  causeCode: 'columns.cause',
  complainantName: 'columns.complainant',
  complainantPhone: 'columns.phone',
  productName: 'columns.product',
  amountFen: 'columns.amount',
  handlerUserId: 'columns.handler',
};

/** Show or hide columns; the choice is part of the view, so "save as" keeps it. */
export function ColumnChooser({ hidden, onChange }: { hidden: string[]; onChange(hidden: string[]): void }) {
  const { t } = useTranslation('cases');
  const choosable = CASE_COLUMN_IDS.filter((id) => id !== 'caseNo');
  const visible = choosable.filter((id) => !hidden.includes(id));
  return (
    <MultiSelect
      options={choosable.map((id) => ({ value: id, label: t(LABEL_KEYS[id]) }))}
      selected={visible}
      onChange={(next) => onChange(choosable.filter((id) => !next.includes(id)))}
      anyLabel={t('columnsChooser.button')}
      selectedLabel={() => t('columnsChooser.button')}
      testId="column-chooser"
      // The chooser sits at the right end of the header: its list opens leftwards, inside the window.
      align="end"
    />
  );
}
