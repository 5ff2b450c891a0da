import { ipcMain, type WebContents } from 'electron';
import { EVENT_CHANNEL_PREFIX, INVOKE_CHANNEL } from '../../shared/ipc/channel-names';
import type { EventName, EventPayloadOf } from '../../shared/ipc/contract';
import { AppError } from '../../shared/errors';
import type { Locale } from '../../shared/i18n/define';
import { toErrorPayload, type Dispatch } from '../ipc/handle';

/**
 * Carries every contract call over one Electron channel into the shared dispatcher. Only frames
 * of the app's own window may call: a navigation to anything else is blocked in window.ts, and
 * `isTrustedSender` refuses stray frames as a second line.
 */
export function registerIpc(
  dispatch: Dispatch,
  isTrustedSender: (sender: WebContents) => boolean,
  locale: () => Locale,
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, payload: unknown) => {
    if (!isTrustedSender(event.sender)) {
      return { ok: false, error: toErrorPayload(new AppError('FORBIDDEN', 'untrusted sender'), locale()) };
    }
    return dispatch(typeof channel === 'string' ? channel : '', payload);
  });
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

/** Sends a contract event to a window's renderer (preload turns it back into `on(event)`). */
export function sendEvent<E extends EventName>(
  target: WebContents | null,
  event: E,
  payload: EventPayloadOf<E>,
): void {
  if (target && !target.isDestroyed()) target.send(EVENT_CHANNEL_PREFIX + event, payload);
}
