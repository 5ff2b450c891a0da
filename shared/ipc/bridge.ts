import type { IpcResult } from './contract';

/**
 * What the Electron preload exposes on `window.redress`, and nothing more: no raw ipcRenderer,
 * no environment. The renderer's api.ts uses it when present and falls back to the HTTP host.
 */
export interface RedressBridge {
  invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>>;
  /** Returns a function that removes the handler. */
  on(event: string, handler: (payload: unknown) => void): () => void;
}

/**
 * Sent with every POST to the headless host: a cross-site form cannot set it, so together with the
 * SameSite=Strict session cookie it stops requests forged by other pages (main/host/host-auth.ts).
 */
export const REQUEST_HEADER = 'x-redress-request';
