import { DryRunStep } from './DryRunStep';
import { FileStep } from './FileStep';
import { PreviewStep } from './PreviewStep';
import { RunStep } from './RunStep';
import { useImportText } from './use-import-text';
import { WIZARD_STEPS, useImportWizard, type ImportWizard, type WizardStep } from './use-import-wizard';
import './import.css';

/** The import wizard: file → preview and mapping → dry run → import. See docs/IMPORT.md. */
export function ImportScreen() {
  const wizard = useImportWizard();
  const { m } = useImportText();
  return (
    <div className="import-screen" data-testid="import-screen">
      <h1>{m.title}</h1>
      <p className="muted import-intro">{m.intro}</p>
      <StepBar wizard={wizard} />
      <StepView wizard={wizard} />
    </div>
  );
}

function StepView({ wizard }: { wizard: ImportWizard }) {
  switch (wizard.step) {
    case 'file':
      return <FileStep wizard={wizard} />;
    case 'preview':
      return <PreviewStep wizard={wizard} />;
    case 'dry-run':
      return <DryRunStep wizard={wizard} />;
    case 'run':
      return <RunStep wizard={wizard} />;
    default: {
      const unreachable: never = wizard.step;
      return unreachable;
    }
  }
}

/** Which steps may be revisited: those before the current one, as long as their data exists. */
function canVisit(wizard: ImportWizard, target: WizardStep): boolean {
  const here = WIZARD_STEPS.indexOf(wizard.step);
  const there = WIZARD_STEPS.indexOf(target);
  return there < here && (target === 'file' || wizard.preview !== null);
}

function StepBar({ wizard }: { wizard: ImportWizard }) {
  const { m, say } = useImportText();
  const labels: Record<WizardStep, string> = {
    file: m.steps.file,
    preview: m.steps.preview,
    'dry-run': m.steps.dryRun,
    run: m.steps.run,
  };
  const current = WIZARD_STEPS.indexOf(wizard.step);
  return (
    <ol className="import-steps" aria-label={say(m.stepOf, { n: current + 1 })} data-testid="import-steps">
      {WIZARD_STEPS.map((step, index) => {
        const state = index === current ? 'current' : index < current ? 'done' : 'todo';
        const label = `${index + 1}. ${labels[step]}`;
        return (
          <li
            key={step}
            className={`import-step ${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            {canVisit(wizard, step) ? (
              <button type="button" className="link-button" onClick={() => wizard.setStep(step)}>
                {label}
              </button>
            ) : (
              <span>{label}</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
