import { useState, type FormEvent } from 'react';
import { DELIMITERS, IMPORT_ENCODINGS, type ImportEncoding } from '../../../shared/domain/import';
import { formatBytes } from '../../../shared/format-bytes';
import { pickFileForUpload } from '../../file-transfer';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { ErrorBox, Spinner } from '../../ui/status-indicators';
import { useImportText, type ImportText } from './use-import-text';
import type { FileChoice, ImportWizard } from './use-import-wizard';
import { errorWording, inLanguage, type Wording } from '../../ui/wording';
import { uiImportMessages } from '../../../shared/i18n/ui-import';

type Delimiter = FileChoice['delimiter'];

function delimiterLabel(delimiter: Delimiter, m: ImportText['m']): string {
  switch (delimiter) {
    case 'auto':
      return m.delimiters.auto;
    case ',':
      return m.delimiters.comma;
    case ';':
      return m.delimiters.semicolon;
    case '\t':
      return m.delimiters.tab;
    case '|':
      return m.delimiters.pipe;
    default: {
      const unreachable: never = delimiter;
      return unreachable;
    }
  }
}

/**
 * Step 1. “Choose file…” opens the native dialog in Electron and the browser's file picker in the
 * headless host (renderer/file-transfer.ts); either way the wizard holds a handle, never a path.
 */
export function FileStep({ wizard }: { wizard: ImportWizard }) {
  const text = useImportText();
  const { m, locale, say } = text;
  const { choice, setChoice } = wizard;
  const [pathError, setPathError] = useState<Wording>('');
  const [failure, setFailure] = useState<Wording>('');
  const [isBusy, setBusy] = useState(false);
  const update = (patch: Partial<FileChoice>) => setChoice({ ...choice, ...patch });

  async function browse() {
    try {
      const chosen = await pickFileForUpload({ purpose: 'import', extensions: ['csv', 'txt', 'xlsx'] });
      if (chosen) {
        update({ file: chosen });
        setPathError('');
      }
    } catch (error) {
      setFailure(() => errorWording(error));
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const isMissing = !choice.file;
    setPathError(() => (isMissing ? inLanguage((l) => uiImportMessages[l].file.pathRequired) : ''));
    setFailure('');
    if (isMissing) return;
    setBusy(true);
    try {
      await wizard.loadPreview();
    } catch (error) {
      setFailure(() => errorWording(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="panel import-file"
      onSubmit={(event) => void submit(event)}
      data-testid="import-file-form"
      noValidate
    >
      <Field label={m.file.path} error={pathError} hint={m.file.pathHint}>
        <div className="import-file-path">
          <Button type="button" onClick={() => void browse()} data-testid="import-browse" autoFocus>
            {m.file.browse}
          </Button>
          <span className={choice.file ? 'mono' : 'muted'} data-testid="import-chosen-file">
            {choice.file
              ? say(m.file.chosen, { name: choice.file.name, size: formatBytes(choice.file.size) })
              : m.file.noFile}
          </span>
        </div>
      </Field>
      <div className="import-file-options">
        <Field label={m.file.encoding}>
          <select
            name="encoding"
            value={choice.encoding}
            onChange={(e) => update({ encoding: e.target.value as ImportEncoding })}
          >
            {IMPORT_ENCODINGS.map((encoding) => (
              <option key={encoding} value={encoding}>
                {m.encodings[encoding]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={m.file.delimiter}>
          <select
            name="delimiter"
            value={choice.delimiter}
            onChange={(e) => update({ delimiter: e.target.value as Delimiter })}
          >
            {DELIMITERS.map((delimiter) => (
              <option key={delimiter} value={delimiter}>
                {delimiterLabel(delimiter, m)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={m.file.sheet} hint={m.file.sheetHint}>
          <input name="sheet" value={choice.sheet} onChange={(e) => update({ sheet: e.target.value })} />
        </Field>
        <Field label={m.file.preset}>
          <select name="preset" value={choice.preset} onChange={(e) => update({ preset: e.target.value })}>
            <option value="">{m.file.noPreset}</option>
            {wizard.presets.map((preset) => (
              <option key={preset.name} value={preset.name}>
                {(locale === 'en' ? preset.label.en : preset.label.zh) || preset.name}
                {preset.isBuiltIn ? ` (${m.file.builtIn})` : ''}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {failure ? (
        <div data-testid="import-error">
          <ErrorBox message={failure} />
        </div>
      ) : null}
      <div className="row">
        <Button type="submit" variant="primary" disabled={isBusy} data-testid="import-preview-button">
          {m.file.preview}
        </Button>
        {isBusy ? <Spinner label={m.file.previewing} /> : null}
      </div>
    </form>
  );
}
