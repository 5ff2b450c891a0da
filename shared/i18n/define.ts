/**
 * Every user-facing string exists in zh-CN (the default) and en. A namespace file calls
 * `defineMessages(zh, en)`; the `en` argument must have exactly the keys of `zh`, so the compiler
 * refuses a string that exists in only one language. Placeholders use i18next syntax: {{name}}.
 */
export type Messages = { readonly [key: string]: string | Messages };

/**
 * A counted text is written the i18next way: Chinese has one form, `key_other`; English has
 * `key_one` ("1 case") beside it ("2 cases"), and the compiler asks for it. i18next picks the form
 * from `count`; outside it, `plural()` does.
 */
type SingularOf<K> = K extends `${infer Base}_other` ? `${Base}_one` : never;

type SameShape<T> = { readonly [K in keyof T]: T[K] extends string ? string : SameShape<T[K]> } & {
  readonly [K in SingularOf<keyof T>]: string;
};

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

/**
 * The form of a counted text for `count` outside i18next (command line, HQ pages): `key_one` or
 * `key_other` by the language's plural rules, as i18next chooses them.
 */
export function plural(forms: Messages, key: string, count: number, locale: Locale): string {
  const chosen = forms[`${key}_${new Intl.PluralRules(locale).select(count)}`] ?? forms[`${key}_other`];
  if (typeof chosen !== 'string') throw new Error(`no counted forms for ${key}`);
  return chosen;
}

/**
 * A counted text worded for `count` outside i18next; `params` may give the number as shown
 * (`count: '12,000'`) beside the text's other values.
 */
export function sayCount(
  forms: Messages,
  key: string,
  count: number,
  locale: Locale,
  params: Record<string, string | number> = {},
): string {
  return interpolate(plural(forms, key, count, locale), { count, ...params });
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
