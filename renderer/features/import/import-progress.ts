import type { ImportProblem } from '../../../shared/domain/import';
import { interpolate } from '../../../shared/i18n/define';
import type { uiImportMessages } from '../../../shared/i18n/ui-import';
import { importProblemMessage } from '../../../shared/i18n/import';
import type { Locale } from '../../../shared/i18n/define';

/**
 * Pure helpers of the wizard's run step: `app:progress` events turned into rows/s and time left,
 * durations and problem lines in the user's language.
 */
type UiText = (typeof uiImportMessages)['zh-CN'] | (typeof uiImportMessages)['en'];

export interface ProgressEvent {
  done: number;
  /** Estimated rows in the file; 0 while unknown (see main/ipc/handlers/import.ts). */
  total: number;
}

export interface ProgressStats {
  rowsDone: number;
  rowsPerSecond: number;
  /** null until an estimate exists. */
  secondsLeft: number | null;
  /** 0…1 for the bar; null: unknown (the bar stays empty rather than lie). */
  fraction: number | null;
}

export function progressStats(event: ProgressEvent, elapsedMs: number): ProgressStats {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? event.done / seconds : 0;
  const hasTotal = event.total > 0 && event.total >= event.done;
  return {
    rowsDone: event.done,
    rowsPerSecond: Math.round(rate),
    secondsLeft: hasTotal && rate > 0 ? (event.total - event.done) / rate : null,
    fraction: hasTotal ? event.done / event.total : null,
  };
}

/** `75 秒`, `2 分 5 秒` (rounded up: "0 s left" while work remains would be wrong). */
export function formatSeconds(seconds: number, text: UiText): string {
  const whole = Math.max(0, Math.ceil(seconds));
  if (whole < 60) return interpolate(text.time.seconds, { s: whole });
  return interpolate(text.time.minutes, { m: Math.floor(whole / 60), s: whole % 60 });
}

export interface ProblemLine {
  key: string;
  row: number;
  column: string;
  message: string;
}

/** Problem rows for the table: the column (or "whole row") and the message with its detail. */
export function problemLines(problems: ImportProblem[], ui: UiText, locale: Locale): ProblemLine[] {
  return problems.map((problem, index) => ({
    key: `${problem.row}-${problem.column ?? ''}-${index}`,
    row: problem.row,
    column: problem.column ?? ui.dryRun.wholeRow,
    message: importProblemMessage(problem, locale),
  }));
}

/** A task id for `import:run` / `import:cancel`; unique enough within one window. */
export function newTaskId(now = Date.now(), random = Math.random()): string {
  return `import-${now.toString(36)}-${Math.floor(random * 1e9).toString(36)}`;
}
