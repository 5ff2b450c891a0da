import { useState } from 'react';
import type { ImportPreview } from '../../../shared/domain/import';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { ErrorBox, Spinner } from '../../ui/status-indicators';
import { mappingRows } from './import-mapping';
import { MappingTable } from './MappingTable';
import { SavePresetDialog } from './SavePresetDialog';
import { useImportText } from './use-import-text';
import type { ImportWizard } from './use-import-wizard';
import { errorWording, type Wording } from '../../ui/wording';

/** Step 2: the first rows, what was detected, and which column becomes which field. */
export function PreviewStep({ wizard }: { wizard: ImportWizard }) {
  const { m, say, sayCount, locale } = useImportText();
  const { preview, mapping } = wizard;
  const [failure, setFailure] = useState<Wording>('');
  const [isBusy, setBusy] = useState(false);
  const [isSaving, setSaving] = useState(false);
  if (!preview || !mapping) return null;
  const rows = mappingRows(preview, mapping);
  const matching = wizard.presets.filter((p) => preview.matchingPresets.includes(p.name));

  async function dryRun() {
    if (!mapping) return;
    const problem =
      mapping.source.trim() === ''
        ? m.preview.sourceRequired
        : rows.every((row) => row.field === null)
          ? m.preview.noColumns
          : '';
    setFailure(problem);
    if (problem) return;
    setBusy(true);
    try {
      await wizard.runDryRun();
    } catch (error) {
      setFailure(() => errorWording(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="import-preview" data-testid="import-preview">
      <section className="panel">
        <div className="row">
          <span className="chip" data-testid="import-detected">
            {detectedText(preview, m, say)}
          </span>
          {matching.length > 0 ? (
            <span className="muted">
              {say(m.preview.matching, {
                names: matching.map((p) => (locale === 'en' ? p.label.en : p.label.zh) || p.name).join('、'),
              })}
            </span>
          ) : null}
        </div>
        <div className="grid-3 import-preview-options">
          <Field label={m.file.preset}>
            <select
              name="preset"
              value={wizard.choice.preset}
              onChange={(e) => wizard.choosePreset(e.target.value)}
              data-testid="import-preset"
            >
              <option value="">{m.file.noPreset}</option>
              {wizard.presets.map((p) => (
                <option key={p.name} value={p.name}>
                  {((locale === 'en' ? p.label.en : p.label.zh) || p.name) +
                    (preview.matchingPresets.includes(p.name) ? ' ✓' : '')}
                </option>
              ))}
            </select>
          </Field>
          <Field label={m.preview.source} hint={m.preview.sourceHint}>
            <input
              name="source"
              value={mapping.source}
              maxLength={60}
              onChange={(e) => wizard.setMapping({ ...mapping, source: e.target.value })}
            />
          </Field>
        </div>
      </section>
      <section className="panel">
        <h2>{m.preview.mappingTitle}</h2>
        <MappingTable rows={rows} mapping={mapping} onChange={wizard.setMapping} />
      </section>
      <section className="panel">
        <h2>{sayCount(m.preview, 'rowsTitle', preview.rows.length)}</h2>
        <SampleRows preview={preview} />
      </section>
      {failure ? (
        <div data-testid="import-error">
          <ErrorBox message={failure} />
        </div>
      ) : null}
      <div className="row import-actions">
        <Button onClick={() => wizard.setStep('file')}>{m.back}</Button>
        <Button onClick={() => setSaving(true)} data-testid="import-save-preset">
          {m.preview.savePreset}
        </Button>
        <span className="spacer" />
        {isBusy ? <Spinner label={m.dryRun.running} /> : null}
        <Button
          variant="primary"
          disabled={isBusy}
          onClick={() => void dryRun()}
          data-testid="import-dry-run"
        >
          {m.preview.dryRun}
        </Button>
      </div>
      {isSaving ? (
        <SavePresetDialog wizard={wizard} mapping={mapping} onClose={() => setSaving(false)} />
      ) : null}
    </div>
  );
}

type Text = ReturnType<typeof useImportText>;

const DELIMITER_KEYS: Record<string, keyof Text['m']['delimiters']> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};
const ENCODING_KEYS: Record<string, keyof Text['m']['encodings']> = {
  utf8: 'utf8',
  'utf-8': 'utf8',
  gb18030: 'gb18030',
  utf16le: 'utf16le',
};

function detectedText(preview: ImportPreview, m: Text['m'], say: Text['say']): string {
  const delimiterKey = preview.delimiter === null ? undefined : DELIMITER_KEYS[preview.delimiter];
  const encodingKey = preview.encoding === null ? undefined : ENCODING_KEYS[preview.encoding.toLowerCase()];
  const delimiter = delimiterKey ? m.delimiters[delimiterKey] : (preview.delimiter ?? m.preview.unknown);
  return say(m.preview.detected, {
    format: preview.format.toUpperCase(),
    encoding: encodingKey ? m.encodings[encodingKey] : (preview.encoding ?? m.preview.unknown),
    delimiter,
    columns: preview.header.length,
  });
}

function SampleRows({ preview }: { preview: ImportPreview }) {
  const { m } = useImportText();
  return (
    <div className="import-table-scroll" tabIndex={0}>
      <table className="table import-sample" data-testid="import-sample">
        <thead>
          <tr>
            <th>{m.preview.rowNumber}</th>
            {preview.header.map((column, index) => (
              <th key={index}>{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr key={row.rowNumber}>
              <td className="muted">{row.rowNumber}</td>
              {preview.header.map((_column, index) => (
                <td key={index} title={row.cells[index]}>
                  {row.cells[index] ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
