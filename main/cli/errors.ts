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
 * A failure as the command line reports it: the exit code, a stable code for scripts (`AppError`
 * and sync codes as they are, `USAGE` for bad input, `FAILED` for a command that found a problem,
 * `HQ_UNREACHABLE`/`HQ_FINGERPRINT_MISMATCH`/`HQ_BAD_RESPONSE` for the link) and the one line in
 * the reader's language (null when the command already reported its outcome: `QuietExit`).
 */
export interface CliFailure {
  exitCode: number;
  code: string;
  message: string | null;
}

const TRANSPORT_CODES: Record<TransportError['kind'], string> = {
  unreachable: 'HQ_UNREACHABLE',
  fingerprintMismatch: 'HQ_FINGERPRINT_MISMATCH',
  badResponse: 'HQ_BAD_RESPONSE',
};

export function describeFailure(error: unknown, io: CliIo): CliFailure {
  if (error instanceof QuietExit) return { exitCode: error.exitCode, code: 'FAILED', message: null };
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return { exitCode: EXIT_OK, code: 'OK', message: null }; // --help, --version
    return { exitCode: EXIT_USAGE, code: 'USAGE', message: describeCommanderError(error, io.text) };
  }
  if (error instanceof UsageError) return { exitCode: EXIT_USAGE, code: 'USAGE', message: error.message };
  if (error instanceof CommandFailure)
    return { exitCode: EXIT_FAILURE, code: 'FAILED', message: error.message };
  const syncLine = describeSyncError(error, io);
  if (syncLine !== null) {
    const code = isSyncError(error) ? error.code : TRANSPORT_CODES[(error as TransportError).kind];
    return { exitCode: EXIT_FAILURE, code, message: syncLine };
  }
  if (isAppError(error))
    return {
      exitCode: error.code === 'VALIDATION' ? EXIT_USAGE : EXIT_FAILURE,
      code: error.code,
      message: describeAppError(error, io.locale),
    };
  return {
    exitCode: EXIT_FAILURE,
    code: 'INTERNAL',
    message: interpolate(errorMessages[io.locale].INTERNAL),
  };
}

/**
 * Reports a failure as exactly one line on standard error and returns the exit code. With
 * `asJson` (the command ran with `--json` and printed nothing yet) standard output also gets
 * `{ "error": { "code", "message" }, "exitCode" }`, so a script reading JSON gets JSON on failure
 * too. Stack traces and error details go to standard error only with REDRESS_DEBUG=1; they never
 * hold keys or passwords.
 */
export function reportError(error: unknown, io: CliIo, asJson = false): number {
  const isWorded = [QuietExit, CommanderError, UsageError, CommandFailure].some(
    (kind) => error instanceof kind,
  );
  if (!isWorded && io.env.REDRESS_DEBUG === '1') console.error(error);
  const failure = describeFailure(error, io);
  if (failure.message === null) return failure.exitCode;
  const message = failure.message.replace(/\s*\n\s*/g, ' ');
  io.err(`redress: ${message}`);
  if (asJson)
    io.out(JSON.stringify({ error: { code: failure.code, message }, exitCode: failure.exitCode }, null, 2));
  return failure.exitCode;
}

/** Head office's refusals and a failed link, in the reader's language; null for anything else. */
function describeSyncError(error: unknown, io: CliIo): string | null {
  const messages = syncMessages[io.locale];
  if (isSyncError(error)) return io.say(messages.errors[error.code], { seq: error.seq ?? '?' });
  if (error instanceof TransportError)
    return io.say(messages.transport[error.kind], { detail: error.message });
  return null;
}
