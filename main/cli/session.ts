import path from 'node:path';
import type { Command } from 'commander';
import type { Locale } from '../../shared/i18n/define';
import { openSession, type ArchiveSession } from '../services/auth/auth.service';
import { SignInFailureLog } from '../services/auth/sign-in-failures';
import { ArchiveSignInThrottle } from '../services/auth/throttle';
import { defaultArchivePath } from '../services/archive/paths';
import { requireRegularFile } from '../services/files/output-guard';
import { UsageError } from './errors';
import type { CliIo } from './io';

/** The options every command inherits from `redress [--archive PATH] [--json] [--user NAME] [--lang L]`. */
export interface GlobalOptions {
  archive: string;
  json: boolean;
  user: string | undefined;
  lang: Locale;
}

export function globalOptions(command: Command, io: CliIo): GlobalOptions {
  const opts = command.optsWithGlobals<{ archive?: string; json?: boolean; user?: string }>();
  return {
    archive: path.resolve(opts.archive ?? io.env.REDRESS_ARCHIVE ?? defaultArchivePath()),
    json: Boolean(opts.json),
    user: opts.user ?? io.env.REDRESS_USER ?? undefined,
    lang: io.locale,
  };
}

/** Fails before any prompt when the archive is not there: asking for a password first would be rude. */
export function requireArchiveFile(file: string): void {
  requireRegularFile(file);
}

export async function resolveUsername(io: CliIo, given: string | undefined): Promise<string> {
  if (given && given.trim()) return given.trim();
  if (!io.isInteractive) throw new UsageError(io.text.credentials.needUser);
  const typed = await io.promptLine(io.text.credentials.promptUser);
  if (!typed) throw new UsageError(io.text.credentials.needUser);
  return typed;
}

/** The signing-in password: REDRESS_PASSWORD, else a prompt without echo on a terminal. */
export async function readPassword(io: CliIo, username: string): Promise<string> {
  const fromEnv = io.env.REDRESS_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.isInteractive) throw new UsageError(io.text.credentials.needPassword);
  return io.promptHidden(io.say(io.text.credentials.promptPassword, { username }));
}

/**
 * A new password: from `envNames` in order (REDRESS_NEW_PASSWORD first), else typed twice without
 * echo. The policy (length) is the services' to check, so the message is the same as in the app.
 */
export async function readNewPassword(
  io: CliIo,
  username: string,
  envNames: readonly string[] = ['REDRESS_NEW_PASSWORD'],
): Promise<string> {
  for (const name of envNames) {
    const value = io.env[name];
    if (value !== undefined && value !== '') return value;
  }
  if (!io.isInteractive) throw new UsageError(io.text.credentials.needNewPassword);
  const first = await io.promptHidden(io.say(io.text.credentials.promptNewPassword, { username }));
  const second = await io.promptHidden(io.text.credentials.promptConfirm);
  if (first !== second) throw new UsageError(io.text.credentials.passwordsDiffer);
  return first;
}

/**
 * The app's sign-in path for the command line too: a wrong password counts toward the archive's
 * one throttle (kept beside it, shared with the app) and waits there to be written into the audit
 * at the next successful sign-in, from the app or another run.
 */
export function signInGuards(archive: string) {
  return { throttle: new ArchiveSignInThrottle(() => archive), failures: new SignInFailureLog() };
}

/** Signs in, runs `work`, and always closes the archive (which also wipes the held key). */
export async function withSession<T>(
  io: CliIo,
  command: Command,
  work: (session: ArchiveSession, options: GlobalOptions) => Promise<T> | T,
): Promise<T> {
  return withSigningSession(io, command, (session, options) => work(session, options));
}

/**
 * `withSession` for commands that sign something (a handover): the password that signed in is
 * also the signature the service checks. It stays in memory for the command only.
 */
export async function withSigningSession<T>(
  io: CliIo,
  command: Command,
  work: (session: ArchiveSession, options: GlobalOptions, password: string) => Promise<T> | T,
): Promise<T> {
  const options = globalOptions(command, io);
  requireArchiveFile(options.archive);
  const username = await resolveUsername(io, options.user);
  const password = await readPassword(io, username);
  const session = await openSession({
    file: options.archive,
    username,
    password,
    ...signInGuards(options.archive),
  });
  try {
    return await work(session, options, password);
  } finally {
    session.close();
  }
}
