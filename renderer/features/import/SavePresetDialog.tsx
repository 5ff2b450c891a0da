import { useState } from 'react';
import type { ImportMappingInput } from '../../../shared/domain/import';
import { invoke } from '../../api';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { PRESET_NAME_PATTERN, presetNameFrom } from './import-mapping';
import { useImportText } from './use-import-text';
import type { ImportWizard } from './use-import-wizard';
import { errorWording, inLanguage, type Wording } from '../../ui/wording';
import { uiImportMessages } from '../../../shared/i18n/ui-import';
import { interpolate } from '../../../shared/i18n/define';

/** Saves the current mapping as a named preset and selects it. */
export function SavePresetDialog({
  wizard,
  mapping,
  onClose,
}: {
  wizard: ImportWizard;
  mapping: ImportMappingInput;
  onClose(): void;
}) {
  const { m } = useImportText();
  const toast = useToast();
  const [name, setName] = useState(() => presetNameFrom(mapping.source));
  const [labelZh, setLabelZh] = useState(mapping.source);
  const [labelEn, setLabelEn] = useState(mapping.source);
  const [nameError, setNameError] = useState<Wording>('');
  const [failure, setFailure] = useState<Wording>('');

  async function save() {
    const trimmed = name.trim();
    if (!PRESET_NAME_PATTERN.test(trimmed))
      return setNameError(() => inLanguage((l) => uiImportMessages[l].savePreset.nameInvalid));
    setNameError('');
    try {
      const label = { zh: labelZh.trim() || trimmed, en: labelEn.trim() || trimmed };
      const saved = await invoke('import:save-preset', { name: trimmed, label, mapping });
      await wizard.reloadPresets();
      wizard.setChoice({ ...wizard.choice, preset: saved.name });
      toast.show(inLanguage((l) => interpolate(uiImportMessages[l].savePreset.saved, { name: saved.name })));
      onClose();
    } catch (error) {
      setFailure(() => errorWording(error));
    }
  }

  const onEnter = (event: React.KeyboardEvent) => event.key === 'Enter' && void save();
  return (
    <Dialog
      title={m.savePreset.title}
      onClose={onClose}
      testId="save-preset-dialog"
      footer={
        <>
          <Button onClick={onClose}>{m.back}</Button>
          <Button variant="primary" onClick={() => void save()} data-testid="save-preset-confirm">
            {m.preview.savePreset}
          </Button>
        </>
      }
    >
      <Field label={m.savePreset.name} error={nameError}>
        <input
          name="presetName"
          className="mono"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={onEnter}
        />
      </Field>
      <Field label={m.savePreset.labelZh}>
        <input
          name="labelZh"
          value={labelZh}
          onChange={(e) => setLabelZh(e.target.value)}
          onKeyDown={onEnter}
        />
      </Field>
      <Field label={m.savePreset.labelEn} error={failure}>
        <input
          name="labelEn"
          value={labelEn}
          onChange={(e) => setLabelEn(e.target.value)}
          onKeyDown={onEnter}
        />
      </Field>
    </Dialog>
  );
}
