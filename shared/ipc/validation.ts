import type { z } from 'zod';
import { allowedValues } from '../i18n/allowed-values';
import { authMessages } from '../i18n/auth';
import { backupsMessages } from '../i18n/backups';
import { borrowingMessages } from '../i18n/borrowing';
import { caseWorkMessages } from '../i18n/case-work';
import { casesMessages } from '../i18n/cases';
import { domainMessages } from '../i18n/domain';
import { handoverMessages } from '../i18n/handover';
import { lifecycleMessages } from '../i18n/lifecycle';
import { recordsMessages } from '../i18n/records';
import { retentionMessages } from '../i18n/retention';
import { uiSyncMessages } from '../i18n/ui-sync';
import { interpolate, type Locale, type Messages } from '../i18n/define';
import { validationMessages } from '../i18n/validation';

type Issue = z.core.$ZodIssue;
type ValidationKey = keyof (typeof validationMessages)['zh-CN'];

/**
 * Namespaces whose keys a schema may name as its issue message (`auth.validation.code`). A schema
 * message that is not such a key (plain English from a refine) falls back to the generic message
 * for its issue kind, so a user never sees developer English in the Chinese UI.
 */
const KEYED_NAMESPACES: Record<string, Record<Locale, Messages>> = {
  auth: authMessages,
  backups: backupsMessages,
  borrowing: borrowingMessages,
  cases: casesMessages,
  casework: caseWorkMessages,
  records: recordsMessages,
  retention: retentionMessages,
  syncui: uiSyncMessages,
  domain: domainMessages,
  handover: handoverMessages,
  lifecycle: lifecycleMessages,
  validation: validationMessages,
};

export function lookupKey(key: string, locale: Locale): string | null {
  const [namespace, ...rest] = key.split('.');
  const messages = namespace ? KEYED_NAMESPACES[namespace]?.[locale] : undefined;
  let node: string | Messages | undefined = messages;
  for (const part of rest) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : null;
}

/** The value at a zod issue's path in the parsed payload (undefined when absent). */
export function valueAt(payload: unknown, path: readonly PropertyKey[]): unknown {
  let node = payload;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

function genericKey(issue: Issue, payload: unknown): [ValidationKey, Record<string, string | number>] {
  switch (issue.code) {
    case 'invalid_type':
      return [valueAt(payload, issue.path) === undefined ? 'required' : 'invalidType', {}];
    case 'too_small': {
      const minimum = Number(issue.minimum);
      // An empty required text is "required", not "at least 1 characters".
      if (issue.origin === 'string')
        return minimum === 1 ? ['required', {}] : ['tooShortString', { minimum }];
      if (issue.origin === 'array' || issue.origin === 'set') return ['tooFewItems', { minimum }];
      return ['tooSmallNumber', { minimum }];
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return ['tooLongString', { maximum }];
      if (issue.origin === 'array' || issue.origin === 'set') return ['tooManyItems', { maximum }];
      return ['tooBigNumber', { maximum }];
    }
    case 'invalid_format':
      return ['invalidFormat', {}];
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return ['invalidValue', {}];
    case 'unrecognized_keys':
      return ['unrecognizedKeys', { keys: issue.keys.join(', ') }];
    case 'not_multiple_of':
    case 'custom':
      return ['invalid', {}];
    default: {
      const unhandled: never = issue;
      void unhandled;
      return ['invalid', {}];
    }
  }
}

/** The message for one issue, in the caller's language. */
export function issueMessage(issue: Issue, payload: unknown, locale: Locale): string {
  const keyed = lookupKey(issue.message, locale);
  if (keyed) return keyed;
  // A choice (an enum) says what it allows: a wrong channel or priority is fixed at once.
  if (issue.code === 'invalid_value' && issue.values.length > 1) {
    const allowed = allowedValues(issue.values.map(String), locale);
    return interpolate(validationMessages[locale].invalidValueOf, { allowed });
  }
  const [key, params] = genericKey(issue, payload);
  return interpolate(validationMessages[locale][key], params);
}

/** The `fields` key for a problem with the request as a whole (same as the services use). */
export const ROOT_FIELD = '_';

/**
 * Services put i18n keys in `AppError.fields`; the dispatcher turns them into messages here.
 * A value that is not a known key is passed through unchanged.
 */
export function localiseFields(
  fields: Record<string, string>,
  locale: Locale,
  params: Record<string, string | number> = {},
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([path, value]) => {
      const message = lookupKey(value, locale);
      return [path, message === null ? value : interpolate(message, params)];
    }),
  );
}

/**
 * Field path (`complainant.phone`, `_` for the request as a whole) → message, first issue per
 * field; what a form needs to mark its inputs.
 */
export function fieldsFromIssues(
  issues: readonly Issue[],
  payload: unknown,
  locale: Locale,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || ROOT_FIELD;
    fields[path] ??= issueMessage(issue, payload, locale);
  }
  return fields;
}

export function validationMessage(key: ValidationKey, locale: Locale): string {
  return validationMessages[locale][key];
}
