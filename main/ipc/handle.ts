import { can } from '../../shared/domain/roles';
import { AppError, isAppError, type ErrorPayload } from '../../shared/errors';
import { interpolate, LOCALES, type Locale } from '../../shared/i18n/define';
import { errorMessages } from '../../shared/i18n/errors';
import { contract, isChannelName, type ChannelName, type IpcResult } from '../../shared/ipc/contract';
import { fieldsFromIssues, localiseFields } from '../../shared/ipc/validation';
import type { AppState } from '../app-state';
import { noteForegroundRequest } from '../services/foreground';
import type { Handler, HandlerEnv, Handlers } from './handler-types';
import { adminHandlers } from './handlers/admin';
import { analyticsHandlers } from './handlers/analytics';
import { appHandlers } from './handlers/app';
import { authHandlers } from './handlers/auth';
import { backupHandlers } from './handlers/backups';
import { borrowingHandlers } from './handlers/borrowing';
import { caseFileHandlers } from './handlers/case-files';
import { caseWorkHandlers } from './handlers/case-work';
import { reminderHandlers } from './handlers/reminders';
import { caseHandlers } from './handlers/cases';
import { fileHandlers } from './handlers/files';
import { importHandlers } from './handlers/import';
import { recordsHandlers } from './handlers/records';
import { retentionHandlers } from './handlers/retention';
import { handoverHandlers } from './handlers/handover';
import { syncHandlers } from './handlers/sync';

export interface DispatcherOptions {
  /** Handlers that differ per shell, e.g. Electron's native file dialogs. */
  overrides?: Partial<Handlers>;
  /** Check responses against the contract; on in development and tests, off in the packaged app. */
  validateResponses?: boolean;
  /** Where unexpected errors go. Receives the channel and the error, never the payload. */
  logError?: (channel: string, error: unknown) => void;
}

export type Dispatch = (channel: string, payload: unknown, locale?: Locale) => Promise<IpcResult<unknown>>;

const defaultHandlers: Handlers = {
  ...appHandlers,
  ...authHandlers,
  ...caseHandlers,
  ...caseFileHandlers,
  ...caseWorkHandlers,
  ...reminderHandlers,
  ...adminHandlers,
  ...analyticsHandlers,
  ...importHandlers,
  ...recordsHandlers,
  ...retentionHandlers,
  ...handoverHandlers,
  ...fileHandlers,
  ...syncHandlers,
  ...backupHandlers,
  ...borrowingHandlers,
};

function defaultLogError(channel: string, error: unknown): void {
  console.error(`[ipc] ${channel} failed unexpectedly:`, error);
}

function isProduction(): boolean {
  return process.env['NODE_ENV'] === 'production';
}

/** An AppError as the renderer receives it: message and field messages in the caller's language. */
export function toErrorPayload(error: AppError, locale: Locale): ErrorPayload {
  const template = errorMessages[locale][error.code];
  const { paramsIn } = error;
  // Params that are words themselves (an import file's problem) in the caller's language.
  const own = paramsIn?.(locale) ?? error.params;
  const payload: ErrorPayload = { code: error.code, message: interpolate(template, own) };
  const { fields, fieldsIn } = error;
  if (fields) {
    // Both languages, so the form's marks follow a language switch as the message does.
    const wordedIn = (other: Locale) =>
      fieldsIn?.(other) ?? localiseFields(fields, other, paramsIn?.(other) ?? error.params);
    payload.fields = wordedIn(locale);
    payload.fieldsByLocale = Object.fromEntries(LOCALES.map((other) => [other, wordedIn(other)]));
  }
  const params = shownParams(template, own);
  if (params) payload.params = params;
  if (paramsIn) {
    payload.paramsByLocale = Object.fromEntries(
      LOCALES.map((other) => [other, shownParams(errorMessages[other][error.code], paramsIn(other)) ?? {}]),
    );
  }
  return payload;
}

/** The params the message shows, and no other (a service's params may hold more than it means to tell). */
function shownParams(
  template: string,
  params: Record<string, string | number> | undefined,
): Record<string, string | number> | undefined {
  if (!params) return undefined;
  const names = [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]!);
  const shown = Object.fromEntries(
    names.filter((name) => name in params).map((name) => [name, params[name]!]),
  );
  return Object.keys(shown).length > 0 ? shown : undefined;
}

/**
 * The one path every IPC call takes, for Electron's ipcMain and the HTTP host alike: known
 * channel → session → permission → request parsed → service → response checked. Nothing throws
 * out of `dispatch`: every failure becomes `{ ok: false, error }`.
 */
export function createDispatcher(app: AppState, options: DispatcherOptions = {}): Dispatch {
  const handlers: Handlers = { ...defaultHandlers, ...options.overrides };
  const validateResponses = options.validateResponses ?? !isProduction();
  const logError = options.logError ?? defaultLogError;

  async function run(channel: ChannelName, payload: unknown, locale: Locale): Promise<unknown> {
    // Background steps (the analytics warm-up) yield to what users wait on. (A dashboard that waits
    // for the warm-up marks it awaited, which lets it run on regardless.)
    noteForegroundRequest();
    const spec = contract[channel];
    if (spec.access === 'session') {
      const session = app.requireSession();
      if (spec.permission && !can(session.actor.role, spec.permission)) {
        throw new AppError('FORBIDDEN', `${session.actor.role} lacks ${spec.permission} for ${channel}`);
      }
    }
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      const { issues } = parsed.error;
      throw new AppError('VALIDATION', `invalid request for ${channel}`, {
        fields: fieldsFromIssues(issues, payload, locale),
        fieldsIn: (other) => fieldsFromIssues(issues, payload, other),
      });
    }
    const env: HandlerEnv = {
      app,
      locale,
      get session() {
        return app.requireSession();
      },
      get ctx() {
        return app.requireSession().ctx;
      },
    };
    // The record is keyed by channel, so this handler's input is this channel's parsed request.
    const handler = handlers[channel] as Handler<ChannelName>;
    const data = (await handler(parsed.data as never, env)) ?? null;
    if (validateResponses) {
      const checked = spec.response.safeParse(data);
      if (!checked.success) {
        throw new Error(`response of ${channel} breaks the contract: ${checked.error.message}`);
      }
    }
    return data;
  }

  return async (channel, payload, locale = app.locale) => {
    if (!isChannelName(channel)) {
      return { ok: false, error: toErrorPayload(new AppError('UNKNOWN_CHANNEL', channel), locale) };
    }
    try {
      return { ok: true, data: await run(channel, payload, locale) };
    } catch (error) {
      if (isAppError(error) && error.code !== 'INTERNAL')
        return { ok: false, error: toErrorPayload(error, locale) };
      logError(channel, error);
      return { ok: false, error: toErrorPayload(new AppError('INTERNAL'), locale) };
    }
  };
}
