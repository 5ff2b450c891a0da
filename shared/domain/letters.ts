import { z } from 'zod';
import type { Locale } from '../i18n/define';
import type { ContactMethod } from './contacts';

/**
 * Letters to the customer (告知书): which kinds exist, the placeholders a template may use, and
 * filling a template. Pure: the service gathers the values, the PDF printer lays the text out.
 */
export const LETTER_KINDS = ['acknowledgement', 'refusal', 'extension', 'decision', 'follow_up'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** How a letter reached the customer (当面/邮寄/短信/电子邮件). */
export const SEND_METHODS = ['in_person', 'post', 'sms', 'email'] as const;
export type SendMethod = (typeof SEND_METHODS)[number];

/** The contact-log method a sending is: a recorded sending IS a contact that informed the customer. */
export const CONTACT_METHOD_OF_SENDING: Record<SendMethod, ContactMethod> = {
  in_person: 'visit',
  post: 'letter',
  sms: 'sms',
  email: 'email',
};

export const LETTER_PLACEHOLDERS = [
  'customerName',
  'caseNo',
  'receivedDate',
  'dueDate',
  'request',
  'decisionNotice',
  'reason',
  'branchName',
  'handlerName',
  'today',
] as const;
export type LetterPlaceholder = (typeof LETTER_PLACEHOLDERS)[number];
export type LetterValues = Record<LetterPlaceholder, string>;

const PLACEHOLDER = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/** Names used in `body` that are not placeholders: a template using one is refused. */
export function unknownPlaceholders(body: string): string[] {
  const known = new Set<string>(LETTER_PLACEHOLDERS);
  const unknown = [...body.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((name) => !known.has(name));
  return [...new Set(unknown)];
}

export function fillLetter(body: string, values: LetterValues): string {
  return body.replace(PLACEHOLDER, (whole, name: string) =>
    name in values ? values[name as LetterPlaceholder] : whole,
  );
}

/**
 * The placeholders a template uses whose value is blank: a decision letter before the decision
 * notice is written, a refusal without its reason. Such a letter would print with a hole in it.
 */
export function emptyPlaceholders(
  template: { title: string; body: string },
  values: LetterValues,
): LetterPlaceholder[] {
  const used = [...`${template.title}\n${template.body}`.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
  const blank = LETTER_PLACEHOLDERS.filter((name) => used.includes(name) && values[name].trim() === '');
  return blank;
}

/** A letter ready to print: its title and paragraphs (blank lines in the template split them). */
export interface LetterText {
  title: string;
  paragraphs: string[];
}

export function toParagraphs(filled: string): string[] {
  return filled
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** A template filled with a case's values (or the preview's samples): the one way a letter is composed. */
export function composeLetterText(
  template: { title: string; body: string },
  values: LetterValues,
): LetterText & { caseNo: string; missing: LetterPlaceholder[] } {
  return {
    title: fillLetter(template.title, values),
    paragraphs: toParagraphs(fillLetter(template.body, values)),
    caseNo: values.caseNo,
    missing: emptyPlaceholders(template, values),
  };
}

export const letterTemplateSchema = z
  .object({
    kind: z.enum(LETTER_KINDS),
    locale: z.enum(['zh-CN', 'en']),
    title: z.string().trim().min(1).max(100),
    body: z.string().trim().min(1).max(20_000),
  })
  .strict();
export type LetterTemplate = z.infer<typeof letterTemplateSchema>;
export type LetterTemplateKey = { kind: LetterKind; locale: Locale };
