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

/** Header and meta tag names shared by the host and the renderer's HTTP transport. */
export const TOKEN_HEADER = 'x-redress-token';
export const TOKEN_META_NAME = 'redress-token';
