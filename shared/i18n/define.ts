/**
 * Every user-facing string exists in zh-CN (the default) and en. A namespace file calls
 * `defineMessages(zh, en)`; the `en` argument must have exactly the keys of `zh`, so the compiler
 * refuses a string that exists in only one language. Placeholders use i18next syntax: {{name}}.
 */
export type Messages = { readonly [key: string]: string | Messages };

type SameShape<T> = { readonly [K in keyof T]: T[K] extends string ? string : SameShape<T[K]> };

export function defineMessages<T extends Messages>(
  zhCN: T,
  en: SameShape<T>,
): { 'zh-CN': T; en: SameShape<T> } {
  return { 'zh-CN': zhCN, en };
}

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Replaces {{name}} placeholders; used outside React (services, command line). */
export function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A language tag from i18next or a preference → one of ours (English for `en*`, else Chinese). */
export function asLocale(tag: string): Locale {
  return tag.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/**
 * The language of a process's own messages (command line, headless host, HQ) from the POSIX
 * variables: English only when they ask for `en*`; unset, `C`, `POSIX` or anything else is the
 * default, Chinese — the branch PCs' language, as in the app.
 */
export function localeFromEnv(env: { readonly [name: string]: string | undefined }): Locale {
  return asLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG || '');
}
