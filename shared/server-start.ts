import { interpolate, type Locale } from './i18n/define';
import { serverMessages } from './i18n/servers';

/**
 * What the headless host and HQ share when they start (main/host/host-cli.ts, hq/main.ts): the
 * reading of `--port` and the words for a port they cannot listen on. Pure: the error is read by
 * its `code` only.
 */

/** `--port`: 0 (a free port) to 65535, digits only; anything else is null. */
export function parsePort(value: string): number | null {
  if (!/^\d{1,5}$/.test(value.trim())) return null;
  const port = Number(value);
  return port <= 65535 ? port : null;
}

/** The Node error code of `error` or of an error it wraps (drizzle wraps pg's as `cause`). */
export function errorCode(error: unknown): string | undefined {
  for (let at = error, depth = 0; at && typeof at === 'object' && depth < 5; depth++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    at = (at as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A failed `listen` in one line, or null when the error is not about the address. */
export function describeListenError(
  error: unknown,
  where: { host: string; port: number },
  locale: Locale,
): string | null {
  if ((error as { syscall?: unknown } | null)?.syscall !== 'listen') return null;
  const t = serverMessages[locale].listen;
  switch (errorCode(error)) {
    case 'EADDRINUSE':
      return interpolate(t.inUse, { port: where.port });
    case 'EACCES':
      return interpolate(t.denied, { port: where.port });
    case 'EADDRNOTAVAIL':
      return interpolate(t.noAddress, { host: where.host });
    default:
      return null;
  }
}
