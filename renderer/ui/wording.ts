import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isAppError } from '../../shared/errors';
import { asLocale, DEFAULT_LOCALE, type Locale } from '../../shared/i18n/define';

/**
 * Text for people that is worded when it is rendered: a fixed text (one the renderer cannot word
 * again), or a function that words it with the `t` it is given (`(tr) => tr('cases:views.saved',
 * { name })`, namespace in the key), called at each render with the current language — so a toast
 * or a notice on screen when the language is switched reads in the new one. Keep this, not the
 * string, in state: a component's own `t` is fixed to the language it rendered in. A Wording can be
 * a function, so set it as state through an updater (`setFailure(() => wording)`): React calls a
 * function given to a setter as the updater, with the previous state as `t`.
 */
export type Wording = string | ((t: TFunction) => string);

/**
 * An error as people read it, in the language of the moment: an AppError from the main process by
 * its code and the params its message showed (renderer/api.ts), anything else by its message.
 */
export function errorWording(error: unknown): Wording {
  if (isAppError(error)) {
    const { code, params, paramsIn } = error;
    return (t) => t(`errors:${code}`, paramsIn?.(languageOf(t)) ?? params ?? {});
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Words made outside i18next for a language (shared rules' messages, `lookupKey`), as a Wording:
 * worded in the language of the moment whenever it is shown.
 */
export function inLanguage(word: (locale: Locale) => string): Wording {
  return (t) => word(languageOf(t));
}

/**
 * The field marks of a failed call (`error.fields`: input path → message), each as a Wording in
 * the language of the moment, like the error's own message: a form keeps these, not the strings.
 */
export function fieldWordings(error: unknown): Record<string, Wording> {
  if (!isAppError(error) || !error.fields) return {};
  const { fields, fieldsIn } = error;
  return Object.fromEntries(
    Object.entries(fields).map(([path, text]): [string, Wording] => [
      path,
      fieldsIn ? inLanguage((locale) => fieldsIn(locale)[path] ?? text) : text,
    ]),
  );
}

/** The mark of the first of `paths` that a failed call has, else the error itself (its message). */
export function failureWording(error: unknown, ...paths: string[]): Wording {
  const fields = fieldWordings(error);
  const path = paths.find((name) => fields[name]);
  return path ? fields[path]! : errorWording(error);
}

/** The language a `t` words in: react-i18next's `t` is i18next's getFixedT, which carries it. */
function languageOf(t: TFunction): Locale {
  return asLocale((t as TFunction & { lng?: string }).lng ?? DEFAULT_LOCALE);
}

/** Words a `Wording` in the current language; re-renders the component when the language changes. */
export function useWord(): (wording: Wording) => string {
  const { t } = useTranslation();
  return (wording) => (typeof wording === 'function' ? wording(t) : wording);
}
