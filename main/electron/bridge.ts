import {
  CHANNEL_NAMES,
  EVENT_CHANNEL_PREFIX,
  EVENT_NAME_LIST,
  INVOKE_CHANNEL,
} from '../../shared/ipc/channel-names';
import type { RedressBridge } from '../../shared/ipc/bridge';
import type { IpcResult } from '../../shared/ipc/contract';

/** The slice of ipcRenderer the bridge needs; injected so this file runs (and is tested) without Electron. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

const allowedChannels: ReadonlySet<string> = new Set(CHANNEL_NAMES);
const allowedEvents: ReadonlySet<string> = new Set(EVENT_NAME_LIST);

/**
 * What the preload exposes as `window.redress`: invoke for the contract's channels and `on` for
 * its events, nothing else. A name outside the lists is refused here, before anything reaches the
 * main process (which checks again). Listeners receive the payload only, never the IpcRendererEvent
 * (it would hand the page `sender`, i.e. a raw ipcRenderer).
 */
export function createBridge(ipc: RendererIpc): RedressBridge {
  return {
    async invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>> {
      if (typeof channel !== 'string' || !allowedChannels.has(channel)) {
        return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: String(channel) } };
      }
      return (await ipc.invoke(INVOKE_CHANNEL, channel, payload)) as IpcResult<unknown>;
    },
    on(event: string, handler: (payload: unknown) => void): () => void {
      if (typeof event !== 'string' || !allowedEvents.has(event)) return () => undefined;
      const listener = (_event: unknown, payload: unknown) => handler(payload);
      ipc.on(EVENT_CHANNEL_PREFIX + event, listener);
      return () => {
        ipc.removeListener(EVENT_CHANNEL_PREFIX + event, listener);
      };
    },
  };
}
