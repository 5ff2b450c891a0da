/**
 * The renderer's Content Security Policy, the same in Electron (set on every response through
 * `session.webRequest.onHeadersReceived`) and in the headless host. Scripts only from the app
 * itself: no inline script, no eval, no remote code. `style-src 'unsafe-inline'` is for AG Grid and
 * ECharts, which set element styles at run time. `blob:`/`data:` images and media show attachments.
 * https://www.electronjs.org/docs/latest/tutorial/security#7-define-a-content-security-policy
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: data:",
  "connect-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every page and API response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
