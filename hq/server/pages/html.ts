import type { ServerResponse } from 'node:http';
import type { Locale } from '../../../shared/i18n/define';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';
import { HQ_ROLES, type HqRole } from '../../auth/hq-users';
import { DEFAULT_TIME_ZONE } from '../../../shared/domain/deadlines';
import { formatLocalDateTime } from '../../../shared/domain/zoned-time';

/** Text for HTML (element content and quoted attribute values). */
export const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export const pageLocale = (url: URL): Locale => (url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN');

/** `?lang=en` for English, nothing for Chinese (the default). */
export const langQuery = (locale: Locale) => (locale === 'en' ? '?lang=en' : '');

/** A page's address with its parameters and the language (`lang=en` only for English). */
export function pageHref(path: string, locale: Locale, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params);
  if (locale === 'en') query.set('lang', 'en');
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** `2026-12-06 10:00` in China time (HQ's pages say so once, at the foot of the page). */
export const chinaTime = (ms: number | null, never = '') =>
  ms === null ? never : formatLocalDateTime(ms, DEFAULT_TIME_ZONE);

/** One line above a form: what happened, or why nothing did. */
export function messageLine(message: { kind: 'error' | 'info'; text: string } | undefined): string {
  if (!message) return '';
  const role = message.kind === 'error' ? 'alert' : 'status';
  return `<p class="message ${message.kind}" role="${role}" data-testid="hq-message">${escapeHtml(message.text)}</p>`;
}

/** The session's anti-forgery token, in every form a signed-in page posts. */
export const csrfField = (csrfToken: string) =>
  `<input type="hidden" name="csrf" value="${escapeHtml(csrfToken)}">`;

const isAdminRole = (role: HqRole) => (HQ_ROLES[role] as readonly string[]).includes('hq:admin');

const STYLE = `
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2933;background:#f5f7fa;font-size:15px;line-height:1.5}
header{display:flex;align-items:center;gap:1rem;padding:.6rem 2rem;background:#1f3a5f;color:#fff}
header .brand{font-weight:600}header nav{margin-right:auto}
header a,header button{color:#fff;font:inherit}
header form{margin:0}
header button{background:transparent;border:1px solid #fff;border-radius:4px;padding:.2rem .8rem;cursor:pointer}
main{padding:1.5rem 2rem;max-width:80rem}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
table{border-collapse:collapse;background:#fff;margin-bottom:1rem}
td,th{border:1px solid #c5ccd3;padding:.35rem .7rem;text-align:left;vertical-align:middle}
th{background:#e4e9ef;white-space:nowrap}td a{white-space:nowrap}td.n{text-align:right;font-variant-numeric:tabular-nums}
.bad{color:#a61b1b;font-weight:600}
.card{background:#fff;border:1px solid #c5ccd3;border-radius:6px;padding:1.5rem 2rem;max-width:26rem;margin:4rem auto}
.card label{display:block;margin:.8rem 0 .2rem;font-weight:600}
.card input{width:100%;padding:.45rem .6rem;font:inherit;border:1px solid #7b8794;border-radius:4px}
.card button{margin-top:1.2rem;width:100%;padding:.55rem;font:inherit;font-weight:600;color:#fff;background:#1f3a5f;border:0;border-radius:4px;cursor:pointer}
.message{padding:.5rem .8rem;border-radius:4px;margin:.8rem 0}
.message.error{background:#fde8e8;color:#8a1414;border:1px solid #e3a1a1}
.message.info{background:#e6f0fa;color:#1f3a5f;border:1px solid #9bbbe0}
.lang{display:block;margin-top:1rem;text-align:center;color:#1f3a5f}
code{font-size:.85em}
body:lang(en){font-family:"Segoe UI","Noto Sans","DejaVu Sans",Arial,"Noto Sans CJK SC",sans-serif}
nav{display:flex;gap:1.2rem}nav a[aria-current=page]{font-weight:700;text-decoration:none;border-bottom:2px solid #fff}
.panel{background:#fff;border:1px solid #c5ccd3;border-radius:6px;padding:1rem 1.5rem;margin:1rem 0;max-width:64rem}
main>.message{max-width:64rem}
.panel h2{margin-top:0}
.panel.narrow{max-width:28rem}
.row{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end}
.field{display:flex;flex-direction:column;gap:.2rem}
.field label{font-weight:600}
.field input,.field select{padding:.4rem .6rem;font:inherit;border:1px solid #7b8794;border-radius:4px;min-width:12rem;background:#fff}
.hint{color:#52606d;font-size:.85rem;margin:.3rem 0 0}
.stack{display:flex;flex-direction:column;gap:.8rem;max-width:20rem}
.check{display:flex;gap:.5rem;align-items:flex-start;margin:.8rem 0}
.check input{margin-top:.35rem}
.button{display:inline-block;padding:.45rem 1rem;font:inherit;font-weight:600;color:#fff;background:#1f3a5f;border:0;border-radius:4px;cursor:pointer;text-decoration:none}
.button.danger{background:#a61b1b}
.button.quiet{color:#1f3a5f;background:#fff;border:1px solid #1f3a5f}
.actions{display:flex;gap:1rem;align-items:center;margin-top:1rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.4rem 1.5rem;margin:0}
dl.facts dt{font-weight:600}dl.facts dd{margin:0;overflow-wrap:anywhere}
.secret{font-family:"Noto Sans Mono","DejaVu Sans Mono",monospace;font-size:1.6rem;letter-spacing:.08em;background:#f5f7fa;border:1px dashed #1f3a5f;border-radius:4px;padding:.2rem .6rem;display:inline-block}
.muted{color:#52606d}
ul.plain{list-style:none;margin:0;padding:0}ul.plain li+li{margin-top:.25rem}
.filter{margin:0 0 .8rem}td form{margin:0}.button.small{padding:.2rem .7rem;font-weight:400;font-size:.9rem}
footer{padding:0 2rem 2rem;color:#52606d;font-size:.85rem}`;

/** A whole page: no script at all, inline style only (the CSP below allows nothing else). */
export function renderPage(locale: Locale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** The top bar of a signed-in page: who, where (admins also see the users page), the other language, sign-out. */
export function signedInHeader(
  locale: Locale,
  user: { username: string; role: HqRole },
  csrfToken: string,
  path: string,
  params: Record<string, string> = {},
): string {
  const t = hqPageMessages[locale];
  const other = locale === 'en' ? 'zh-CN' : 'en';
  const who = t.header.signedInAs
    .replace('{{user}}', escapeHtml(user.username))
    .replace('{{role}}', escapeHtml(t.roles[user.role]));
  const link = (href: string, text: string) =>
    `<a href="${pageHref(href, locale)}"${path.startsWith(href) ? ' aria-current="page"' : ''}>${text}</a>`;
  const nav = `<nav aria-label="${t.nav.label}">${link('/status', t.nav.status)}${isAdminRole(user.role) ? link('/users', t.nav.users) : ''}</nav>`;
  const password = `<a href="${pageHref('/password', locale)}"${path === '/password' ? ' aria-current="page"' : ''}>${t.password.link}</a>`;
  return `<header><span class="brand">Redress HQ</span>${nav}<span data-testid="hq-user">${who}</span>${password}
<a href="${escapeHtml(pageHref(path, other, params))}" lang="${other}" title="${t.header.otherLanguageName}">${t.header.otherLanguage}</a>
<form method="post" action="/signout${langQuery(locale)}">${csrfField(csrfToken)}
<button type="submit" data-testid="hq-signout">${t.header.signOut}</button></form></header>`;
}

/** A signed-in page: header, content, and the note on times. */
export function signedInPage(
  view: { locale: Locale; user: { username: string; role: HqRole }; csrfToken: string },
  page: { title: string; path: string; params?: Record<string, string>; main: string },
): string {
  const header = signedInHeader(view.locale, view.user, view.csrfToken, page.path, page.params);
  const footer = `<footer>${hqPageMessages[view.locale].times}</footer>`;
  return renderPage(view.locale, page.title, `${header}<main>${page.main}</main>${footer}`);
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
