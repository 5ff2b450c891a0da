import type { ServerResponse } from 'node:http';
import type { Locale } from '../../../shared/i18n/define';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';

/** Text for HTML (element content and quoted attribute values). */
export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export const pageLocale = (url: URL): Locale => (url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN');

/** `?lang=en` for English, nothing for Chinese (the default). */
export const langQuery = (locale: Locale) => (locale === 'en' ? '?lang=en' : '');

const STYLE = `
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2933;background:#f5f7fa;font-size:15px;line-height:1.5}
header{display:flex;align-items:center;gap:1rem;padding:.6rem 2rem;background:#1f3a5f;color:#fff}
header .brand{font-weight:600;margin-right:auto}
header a,header button{color:#fff;font:inherit}
header form{margin:0}
header button{background:transparent;border:1px solid #fff;border-radius:4px;padding:.2rem .8rem;cursor:pointer}
main{padding:1.5rem 2rem;max-width:80rem}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
table{border-collapse:collapse;background:#fff;margin-bottom:1rem}
td,th{border:1px solid #c5ccd3;padding:.35rem .7rem;text-align:left;vertical-align:top}
th{background:#e4e9ef}td.n{text-align:right;font-variant-numeric:tabular-nums}
.bad{color:#a61b1b;font-weight:600}
.card{background:#fff;border:1px solid #c5ccd3;border-radius:6px;padding:1.5rem 2rem;max-width:26rem;margin:4rem auto}
.card label{display:block;margin:.8rem 0 .2rem;font-weight:600}
.card input{width:100%;padding:.45rem .6rem;font:inherit;border:1px solid #7b8794;border-radius:4px}
.card button{margin-top:1.2rem;width:100%;padding:.55rem;font:inherit;font-weight:600;color:#fff;background:#1f3a5f;border:0;border-radius:4px;cursor:pointer}
.message{padding:.5rem .8rem;border-radius:4px;margin:.8rem 0}
.message.error{background:#fde8e8;color:#8a1414;border:1px solid #e3a1a1}
.message.info{background:#e6f0fa;color:#1f3a5f;border:1px solid #9bbbe0}
.lang{display:block;margin-top:1rem;text-align:center;color:#1f3a5f}
code{font-size:.85em}`;

/** A whole page: no script at all, inline style only (the CSP below allows nothing else). */
export function renderPage(locale: Locale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** The top bar of a signed-in page: who, the other language, sign-out (a POST with the session's token). */
export function signedInHeader(
  locale: Locale,
  user: { username: string; role: keyof (typeof hqPageMessages)['zh-CN']['roles'] },
  csrfToken: string,
  path: string,
): string {
  const t = hqPageMessages[locale];
  const other = locale === 'en' ? 'zh-CN' : 'en';
  const who = t.header.signedInAs
    .replace('{{user}}', escapeHtml(user.username))
    .replace('{{role}}', escapeHtml(t.roles[user.role]));
  return `<header><span class="brand">Redress HQ</span><span data-testid="hq-user">${who}</span>
<a href="${path}${langQuery(other)}" lang="${other}" title="${t.header.otherLanguageName}">${t.header.otherLanguage}</a>
<form method="post" action="/signout${langQuery(locale)}"><input type="hidden" name="csrf" value="${escapeHtml(csrfToken)}">
<button type="submit" data-testid="hq-signout">${t.header.signOut}</button></form></header>`;
}

/** Headers every page carries: no script, no framing, not cached, no referrer to other sites. */
export function sendHtml(
  response: ServerResponse,
  status: number,
  html: string,
  extra: Record<string, string | string[]> = {},
): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on our own form posts.
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
    ...extra,
  });
  response.end(html);
}

export function redirect(
  response: ServerResponse,
  location: string,
  extra: Record<string, string> = {},
): void {
  response.writeHead(303, { location, 'cache-control': 'no-store', ...extra }).end();
}
