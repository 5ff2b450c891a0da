import { useCallback, useEffect, useState } from 'react';
import {
  denominatorInputSchema,
  DENOMINATOR_KINDS,
  type Denominator,
  type DenominatorKind,
} from '../../../shared/domain/analytics';
import { invoke } from '../../api';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { ErrorBox } from '../../ui/status-indicators';
import { useAnalyticsText } from './use-analytics-text';
import { errorWording, type Wording } from '../../ui/wording';

interface Draft {
  branchCode: string;
  businessCode: string;
  kind: DenominatorKind;
  periodStart: string;
  value: string;
}

/**
 * Where the analyst enters the customer or policy counts per branch and quarter that the
 * comparison chart divides by ("per 10,000 customers"). Saving the same branch/business/kind/quarter
 * again replaces the figure.
 */
export function DenominatorsDialog({ branches, onClose }: { branches: string[]; onClose(): void }) {
  const { m } = useAnalyticsText();
  const text = m.denominators;
  const [rows, setRows] = useState<Denominator[]>([]);
  const [failure, setFailure] = useState<Wording>('');
  const [draft, setDraft] = useState<Draft>({
    branchCode: branches[0] ?? '',
    businessCode: '',
    kind: 'customers',
    periodStart: '',
    value: '',
  });

  const reload = useCallback(() => {
    invoke('analytics:list-denominators')
      .then((result) => setRows(result.denominators))
      .catch((error: unknown) => setFailure(() => errorWording(error)));
  }, []);
  useEffect(reload, [reload]);

  async function save() {
    const parsed = denominatorInputSchema.safeParse({ ...draft, value: Number(draft.value) });
    if (!parsed.success) {
      setFailure(text.invalid);
      return;
    }
    setFailure('');
    try {
      await invoke('analytics:set-denominator', parsed.data);
      setDraft({ ...draft, value: '' });
      reload();
    } catch (error) {
      setFailure(() => errorWording(error));
    }
  }

  async function remove(id: string) {
    try {
      await invoke('analytics:delete-denominator', { id });
      reload();
    } catch (error) {
      setFailure(() => errorWording(error));
    }
  }

  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  return (
    <Dialog
      title={text.title}
      onClose={onClose}
      testId="denominators-dialog"
      footer={<Button onClick={onClose}>{text.close}</Button>}
    >
      <div className="denominator-form">
        <Field label={text.branch}>
          <select value={draft.branchCode} onChange={(e) => set({ branchCode: e.target.value })}>
            {branches.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </Field>
        <Field label={text.business}>
          <input
            value={draft.businessCode}
            onChange={(e) => set({ businessCode: e.target.value.trim() })}
            placeholder="B02"
          />
        </Field>
        <Field label={text.kind}>
          <select value={draft.kind} onChange={(e) => set({ kind: e.target.value as DenominatorKind })}>
            {DENOMINATOR_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {m.denominatorKinds[kind]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={text.quarter}>
          <input
            type="date"
            value={draft.periodStart}
            onChange={(e) => set({ periodStart: e.target.value })}
          />
        </Field>
        <Field label={text.value}>
          <input
            inputMode="numeric"
            value={draft.value}
            onChange={(e) => set({ value: e.target.value.replace(/\D/g, '') })}
          />
        </Field>
        <Button variant="primary" onClick={() => void save()}>
          {text.save}
        </Button>
      </div>
      {failure && <ErrorBox message={failure} />}
      {rows.length === 0 ? (
        <p className="analytics-muted">{text.empty}</p>
      ) : (
        <table className="analytics-table" data-testid="denominators-table">
          <thead>
            <tr>
              <th>{text.quarter}</th>
              <th>{text.branch}</th>
              <th>{text.business}</th>
              <th>{text.kind}</th>
              <th>{text.value}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>{row.periodStart}</td>
                <td>{row.branchCode}</td>
                <td>{row.businessCode || '—'}</td>
                <td>{m.denominatorKinds[row.kind]}</td>
                <td>{row.value.toLocaleString()}</td>
                <td>
                  <Button isSmall onClick={() => void remove(row.id)}>
                    {text.delete}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
