import { useCallback, useEffect, useState } from 'react';
import type {
  DELIMITERS,
  ImportEncoding,
  ImportMappingInput,
  ImportPreset,
  ImportPreview,
  ImportReport,
  ReadOptionsInput,
} from '../../../shared/domain/import';
import { invoke } from '../../api';
import type { UploadedFile } from '../../file-transfer';
import { mappingFromSuggestions, sourceFromPath } from './import-mapping';

/** The wizard's state: which step, what the user chose, what the service answered. */
export type WizardStep = 'file' | 'preview' | 'dry-run' | 'run';
export const WIZARD_STEPS: readonly WizardStep[] = ['file', 'preview', 'dry-run', 'run'];

export interface FileChoice {
  /** The picked file's handle, name and size (renderer/file-transfer.ts); null until one is picked. */
  file: UploadedFile | null;
  encoding: ImportEncoding;
  delimiter: (typeof DELIMITERS)[number];
  sheet: string;
  /** Preset name, or '' for the header suggestions. */
  preset: string;
}

export const EMPTY_CHOICE: FileChoice = {
  file: null,
  encoding: 'auto',
  delimiter: 'auto',
  sheet: '',
  preset: '',
};

export function readOptionsOf(choice: FileChoice): ReadOptionsInput {
  const sheet = choice.sheet.trim();
  return { encoding: choice.encoding, delimiter: choice.delimiter, ...(sheet ? { sheet } : {}) };
}

/** The mapping a preset gives, or the header suggestions when none (or an unknown one) is chosen. */
export function mappingFor(
  preview: ImportPreview,
  presets: ImportPreset[],
  choice: FileChoice,
): ImportMappingInput {
  const preset = presets.find((p) => p.name === choice.preset);
  return preset ? preset.mapping : mappingFromSuggestions(preview, sourceFromPath(choice.file?.name ?? ''));
}

export function useImportWizard() {
  const [step, setStep] = useState<WizardStep>('file');
  const [choice, setChoice] = useState<FileChoice>(EMPTY_CHOICE);
  const [presets, setPresets] = useState<ImportPreset[]>([]);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMappingInput | null>(null);
  const [dryRun, setDryRun] = useState<ImportReport | null>(null);

  const reloadPresets = useCallback(async () => {
    const result = await invoke('import:list-presets');
    setPresets(result.presets);
    return result.presets;
  }, []);
  useEffect(() => {
    // A failure here leaves the list empty; the preview still works with header suggestions.
    invoke('import:list-presets')
      .then((result) => setPresets(result.presets))
      .catch(() => undefined);
  }, []);

  /** Reads the file's first rows; on success moves to the preview with the chosen mapping. */
  async function loadPreview(): Promise<void> {
    if (!choice.file) return;
    const result = await invoke('import:preview', {
      file: choice.file.handle,
      options: readOptionsOf(choice),
      limit: 20,
    });
    setPreview(result);
    setMapping(mappingFor(result, presets, choice));
    setDryRun(null);
    setStep('preview');
  }

  /** Checks every row without writing; on success shows the dry-run step. */
  async function runDryRun(): Promise<void> {
    if (!mapping || !choice.file) return;
    const options = { ...readOptionsOf(choice), isDryRun: true };
    setDryRun(await invoke('import:run', { file: choice.file.handle, mapping, options }));
    setStep('dry-run');
  }

  function choosePreset(name: string): void {
    const next = { ...choice, preset: name };
    setChoice(next);
    if (preview) setMapping(mappingFor(preview, presets, next));
  }

  function restart(): void {
    setChoice(EMPTY_CHOICE);
    setPreview(null);
    setMapping(null);
    setDryRun(null);
    setStep('file');
  }

  return {
    step,
    setStep,
    choice,
    setChoice,
    presets,
    reloadPresets,
    preview,
    mapping,
    setMapping,
    dryRun,
    setDryRun,
    loadPreview,
    runDryRun,
    choosePreset,
    restart,
  };
}

export type ImportWizard = ReturnType<typeof useImportWizard>;
