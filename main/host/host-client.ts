import { REQUEST_HEADER } from '../../shared/ipc/bridge';
import type { IpcResult } from '../../shared/ipc/contract';

/**
 * A Node client of the headless host, for scripts and tests: it opens the one-time sign-in URL the
 * host printed, keeps the session cookie, and calls /ipc like the page does.
 */
export interface HostClient {
  origin: string;
  cookie: string;
  headers(extra?: Record<string, string>): Record<string, string>;
  invoke<T = unknown>(channel: string, payload?: unknown): Promise<IpcResult<T>>;
}

export async function connectToHost(signInUrl: string): Promise<HostClient> {
  const response = await fetch(signInUrl, { redirect: 'manual' });
  await response.arrayBuffer();
  const setCookie = response.headers.get('set-cookie');
  if (response.status !== 303 || !setCookie) throw new Error(`sign-in URL refused (${response.status})`);
  const cookie = setCookie.split(';')[0]!;
  const origin = new URL('/', signInUrl).href;
  const headers = (extra: Record<string, string> = {}) => ({ cookie, [REQUEST_HEADER]: '1', ...extra });
  return {
    origin,
    cookie,
    headers,
    async invoke<T>(channel: string, payload: unknown = {}) {
      const result = await fetch(`${origin}ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: headers({ 'content-type': 'application/json' }),
        body: JSON.stringify(payload),
      });
      return (await result.json()) as IpcResult<T>;
    },
  };
}
