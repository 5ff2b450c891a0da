import { AppError, ERROR_CODES, type ErrorCode, type ErrorPayload } from '../shared/errors';
import { DEFAULT_LOCALE, type Locale } from '../shared/i18n/define';
import { errorMessages } from '../shared/i18n/errors';
import { REQUEST_HEADER, type RedressBridge } from '../shared/ipc/bridge';
import type {
  ChannelName,
  EventName,
  EventPayloadOf,
  IpcResult,
  RequestOf,
  ResponseOf,
} from '../shared/ipc/contract';

/**
 * The typed client the screens use. One call shape for both transports: the Electron preload
 * (`window.redress`) or, in a plain browser, the headless host over HTTP on 127.0.0.1 with the
 * session cookie the host set when the printed URL was opened (main/host/host-auth.ts). Failures become an AppError whose `message` is already
 * in the user's language, whose `fields` mark form inputs, and whose code and `params` word it again
 * in another language (ui/wording.ts).
 */
declare global {
  interface Window {
    redress?: RedressBridge;
  }
}

/** Channels whose request accepts nothing may be called without a payload. */
type PayloadArgs<C extends ChannelName> =
  undefined extends RequestOf<C> ? [payload?: RequestOf<C>] : [payload: RequestOf<C>];

let transport: RedressBridge | null = null;

function currentTransport(): RedressBridge {
  transport ??= window.redress ?? createHttpTransport();
  return transport;
}

export async function invoke<C extends ChannelName>(
  channel: C,
  ...args: PayloadArgs<C>
): Promise<ResponseOf<C>> {
  const result = await currentTransport().invoke(channel, args[0] ?? {});
  if (result.ok) return result.data as ResponseOf<C>;
  throw toAppError(result.error);
}

export function on<E extends EventName>(event: E, handler: (payload: EventPayloadOf<E>) => void): () => void {
  return currentTransport().on(event, (payload) => handler(payload as EventPayloadOf<E>));
}

/** Tests and storybook-like previews plug in their own transport. */
export function setTransport(next: RedressBridge | null): void {
  transport = next;
}

/** An error from the main process as an AppError the screens can word again in another language. */
export function toAppError(error: ErrorPayload): AppError {
  const code: ErrorCode = (ERROR_CODES as readonly string[]).includes(error.code) ? error.code : 'INTERNAL';
  const { params, paramsByLocale, fields, fieldsByLocale } = error;
  const paramsIn = paramsByLocale ? (locale: Locale) => paramsByLocale[locale] ?? params ?? {} : undefined;
  const fieldsIn = fieldsByLocale ? (locale: Locale) => fieldsByLocale[locale] ?? fields ?? {} : undefined;
  return new AppError(code, error.message, { fields, params, paramsIn, fieldsIn });
}

/** A transport failure (host gone, network stack error) looks like any other error to screens. */
function transportFailure(): IpcResult<unknown> {
  const locale = document.documentElement.lang === 'en' ? 'en' : DEFAULT_LOCALE;
  return { ok: false, error: { code: 'INTERNAL', message: errorMessages[locale].INTERNAL } };
}

export function createHttpTransport(baseUrl = ''): RedressBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  function ensureEventSource(): void {
    if (source) return;
    // Same origin: the session cookie goes with it.
    source = new EventSource(`${baseUrl}/events`);
    source.onmessage = (message: MessageEvent<string>) => {
      const { event, payload } = JSON.parse(message.data) as { event: string; payload: unknown };
      for (const handler of listeners.get(event) ?? []) handler(payload);
    };
  }

  return {
    async invoke(channel, payload) {
      try {
        const response = await fetch(`${baseUrl}/ipc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [REQUEST_HEADER]: '1' },
          body: JSON.stringify(payload ?? {}),
        });
        return (await response.json()) as IpcResult<unknown>;
      } catch {
        return transportFailure();
      }
    },
    on(event, handler) {
      ensureEventSource();
      const set = listeners.get(event) ?? new Set();
      set.add(handler);
      listeners.set(event, set);
      return () => set.delete(handler);
    },
  };
}
