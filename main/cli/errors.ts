import { syncMessages } from '../../shared/i18n/sync';
import { isSyncError } from '../../shared/sync/sync-error';
import { TransportError } from '../services/sync/transport/pinned-https';
import { CommanderError } from 'commander';
import type { Locale } from '../../shared/i18n/define';
import { errorMessages } from '../../shared/i18n/errors';
import { lookupKey } from '../../shared/ipc/validation';
import { interpolate } from '../../shared/i18n/define';
import { isAppError, type AppError } from '../../shared/errors';
import type { CliIo, CliText } from './io';

/** Bad command line input, already worded for people. Exit code 2, like commander's own errors. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A command that ran but found a problem (e.g. `verify`), already worded for people. Exit code 1. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** `import --mode skip-invalid` wrote the valid rows and skipped the others (README, "Exit codes"). */
export const EXIT_PARTIAL = 3;

/** A command that already reported its outcome and only needs this exit code. */
export class QuietExit extends Error {
  override readonly name = 'QuietExit';
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** A field message is a key in one of the keyed namespaces (`cases.validation.required`): the IPC's lookup. */
function fieldMessage(key: string, locale: Locale): string {
  return lookupKey(key, locale) ?? key;
}

/** One line: the localised message, and for VALIDATION each field with its problem. */
export function describeAppError(error: AppError, locale: Locale): string {
  const params = error.paramsIn?.(locale) ?? error.params ?? {};
  const message = interpolate(errorMessages[locale][error.code], params);
  if (!error.fields || Object.keys(error.fields).length === 0) return message;
  const fields = Object.entries(error.fields).map(
    ([path, key]) => `${path}: ${interpolate(fieldMessage(key, locale), params)}`,
  );
  return `${message} ${fields.join('; ')}`;
}

/** The quoted name in a commander message: `error: unknown option '--x'` → `--x`. */
function quoted(message: string): string {
  return /'([^']+)'/.exec(message)?.[1] ?? message.replace(/^error:\s*/, '');
}

/**
 * The parts of commander's `too many arguments for 'show'. Expected 1 argument but got 2: a, b.`
 * (the program itself is named by no "for" part).
 */
function excessArguments(message: string, program: string): Record<string, string> {
  const parts =
    /too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+): (.*)\.$/.exec(message);
  return {
    command: parts?.[1] ?? program,
    expected: parts?.[2] ?? '?',
    received: parts?.[3] ?? '?',
    extra: parts?.[4] ?? '',
  };
}

/** A commander usage error in the reader's words (also the headless host's, main/host/host-cli.ts). */
export function describeCommanderError(
  error: CommanderError,
  text: Pick<CliText, 'usage'>,
  program = 'redress',
): string {
  const u = text.usage;
  const say = (template: string, params: Record<string, string>) => interpolate(template, params);
  const name = quoted(error.message);
  const detail = error.message.replace(/^error:\s*/, '');
  switch (error.code) {
    case 'commander.unknownOption':
      return say(u.unknownOption, { name });
    case 'commander.unknownCommand':
      return say(u.unknownCommand, { name });
    case 'commander.missingArgument':
      return say(u.missingArgument, { name });
    case 'commander.missingMandatoryOptionValue':
      return say(u.missingOption, { name });
    case 'commander.optionMissingArgument':
      return say(u.missingOptionValue, { name });
    case 'commander.excessArguments':
      return say(u.excessArguments, excessArguments(error.message, program));
    case 'commander.invalidArgument':
      return say(u.invalidChoice, { detail });
    default:
      return say(u.other, { detail });
  }
}

/**
 * Reports a failure as exactly one line on standard error and returns the exit code. Stack traces
 * and error details go to standard error only with REDRESS_DEBUG=1; they never hold keys or passwords.
 */
export function reportError(error: unknown, io: CliIo): number {
  const line = (text: string) => io.err(`redress: ${text.replace(/\s*\n\s*/g, ' ')}`);
  if (error instanceof QuietExit) return error.exitCode;
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return EXIT_OK; // --help, --version
    line(describeCommanderError(error, io.text));
    return EXIT_USAGE;
  }
  if (error instanceof UsageError) {
    line(error.message);
    return EXIT_USAGE;
  }
  if (error instanceof CommandFailure) {
    line(error.message);
    return EXIT_FAILURE;
  }
  if (io.env.REDRESS_DEBUG === '1') console.error(error);
  const syncLine = describeSyncError(error, io);
  if (syncLine !== null) {
    line(syncLine);
    return EXIT_FAILURE;
  }
  if (isAppError(error)) {
    line(describeAppError(error, io.locale));
    return error.code === 'VALIDATION' ? EXIT_USAGE : EXIT_FAILURE;
  }
  line(interpolate(errorMessages[io.locale].INTERNAL));
  return EXIT_FAILURE;
}

/** Head office's refusals and a failed link, in the reader's language; null for anything else. */
function describeSyncError(error: unknown, io: CliIo): string | null {
  const messages = syncMessages[io.locale];
  if (isSyncError(error)) return io.say(messages.errors[error.code], { seq: error.seq ?? '?' });
  if (error instanceof TransportError)
    return io.say(messages.transport[error.kind], { detail: error.message });
  return null;
}
