import { z } from 'zod';
import { appendEvent } from '../../../db/repos/history.repo';
import { findBranch } from '../../../db/repos/settings.repo';
import {
  composeLetterText,
  LETTER_KINDS,
  CONTACT_METHOD_OF_SENDING,
  type LetterPlaceholder,
  SEND_METHODS,
  type LetterKind,
  type LetterText,
  type LetterValues,
} from '../../../shared/domain/letters';
import { isoDate } from '../../../shared/domain/case';
import type { Locale } from '../../../shared/i18n/define';
import { parseInput, requirePermission } from '../access-guards';
import { getCase } from '../cases/read.service';
import { logContact } from '../cases/contacts.service';
import { recordsMessages } from '../../../shared/i18n/records';
import { today } from '../cases/case-scope';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import type { PdfPrinter } from '../reports/chromium-printer';
import { printPdfFile } from '../reports/print-pdf';
import { letterHtml } from './letter-html';
import { letterTemplate, requireKnownPlaceholders } from './letter-templates.service';

export const composeLetterSchema = z
  .object({
    caseId: z.string().min(1),
    kind: z.enum(LETTER_KINDS),
    locale: z.enum(['zh-CN', 'en']),
    /** Refusal reason, extension reason, follow-up notes: what the template's {{reason}} says. */
    reason: z.string().trim().max(5_000).default(''),
    /** A template being edited, to preview before saving; by default the branch's own. */
    draft: z.object({ title: z.string().max(100), body: z.string().max(20_000) }).optional(),
  })
  .strict();
export type ComposeLetterInput = z.input<typeof composeLetterSchema>;

function valuesFor(ctx: ServiceContext, caseId: string, reason: string): LetterValues {
  const detail = getCase(ctx, caseId);
  const { record } = detail;
  return {
    customerName: record.complainant.name,
    caseNo: record.caseNo,
    receivedDate: record.deadline.receivedDate,
    dueDate: record.deadline.dueDate,
    request: record.request,
    decisionNotice: record.handling.decisionNotice ?? '',
    reason,
    branchName: findBranch(ctx.db, record.branchCode)?.name ?? record.branchCode,
    handlerName: detail.handlerName ?? ctx.actor.displayName,
    today: today(ctx),
  };
}

/** The case's fields poured into the branch's template (or a draft of it, for the preview). */
export function composeLetter(
  ctx: ServiceContext,
  input: ComposeLetterInput,
): LetterText & { caseNo: string; missing: LetterPlaceholder[] } {
  const request = parseInput(composeLetterSchema, input);
  const template = request.draft ?? letterTemplate(ctx, request.kind, request.locale as Locale);
  requireKnownPlaceholders(template);
  return composeLetterText(template, valuesFor(ctx, request.caseId, request.reason));
}

/**
 * A letter goes out only whole: one whose template names a blank value (the decision notice
 * before there is one, a refusal without its reason) is refused before anything is printed or
 * recorded, in words naming what is missing.
 */
function requireComplete(letter: { missing: LetterPlaceholder[] }, locale: Locale): void {
  if (letter.missing.length === 0) return;
  const words = recordsMessages[locale].letters.placeholders;
  const names = letter.missing.map((name) => words[name]).join(locale === 'zh-CN' ? '、' : ', ');
  throw new AppError('LETTER_INCOMPLETE', `letter lacks ${letter.missing.join(', ')}`, { params: { names } });
}

/**
 * Prints the letter to a PDF with its font inside, and records the print on the case (who, which
 * letter, the hash of the file) — a print is an access to the file like any other.
 */
export async function printLetterPdf(
  ctx: ServiceContext,
  input: ComposeLetterInput & { filePath: string; printer?: PdfPrinter },
): Promise<{ sha256: string; bytes: number }> {
  const { filePath, printer, ...rest } = input;
  const letter = composeLetter(ctx, { ...rest, draft: undefined });
  const locale = (rest.locale ?? 'zh-CN') as Locale;
  requireComplete(letter, locale);
  const { sha256, bytes } = await printPdfFile(
    letterHtml(letter, { locale, caseNo: letter.caseNo }),
    filePath,
    printer,
  );
  appendPrinted(ctx, rest.caseId, { kind: rest.kind, locale, sha256 });
  return { sha256, bytes };
}

function appendPrinted(ctx: ServiceContext, caseId: string, payload: Record<string, unknown>): void {
  ctx.db.transaction(() => {
    appendEvent(ctx.db, {
      caseId,
      type: 'case.letter_printed',
      actorUserId: ctx.actor.userId,
      at: ctx.clock.now(),
      payload,
    });
  });
}

/** A letter printed from the app's own print dialog (the PDF path records itself). */
export function recordLetterPrinted(
  ctx: ServiceContext,
  input: { caseId: string; kind: LetterKind; locale?: Locale; reason?: string },
): void {
  const locale = input.locale ?? 'zh-CN';
  const letter = composeLetter(ctx, { caseId: input.caseId, kind: input.kind, locale, reason: input.reason });
  requireComplete(letter, locale);
  appendPrinted(ctx, input.caseId, { kind: input.kind, via: 'app' });
}

export const letterSentSchema = z
  .object({
    caseId: z.string().min(1),
    kind: z.enum(LETTER_KINDS),
    method: z.enum(SEND_METHODS),
    sentDate: isoDate,
  })
  .strict();
export type LetterSentInput = z.input<typeof letterSentSchema>;

/**
 * Records that a letter reached the customer (date and method): the evidence for "customer
 * informed". The sending becomes an entry of the case's contact log (outcome `informed`), so the
 * lifecycle steps that name the contact that informed the customer (extension, decision) can name
 * it under the contact log's own rule; the `case.letter_sent` event links the two. Returns the entry.
 */
export function recordLetterSent(ctx: ServiceContext, input: LetterSentInput): { contactId: string } {
  requirePermission(ctx, 'case:handle');
  const sent = parseInput(letterSentSchema, input);
  getCase(ctx, sent.caseId); // the actor must be able to read the case
  // Stored texts are the branch's Chinese, whatever language the sender's screen shows.
  const words = recordsMessages['zh-CN'].letters;
  return ctx.db.transaction(() => {
    const contact = logContact(ctx, sent.caseId, {
      contactDate: sent.sentDate,
      method: CONTACT_METHOD_OF_SENDING[sent.method],
      contactedBy: ctx.actor.displayName,
      summary: `${words.kinds[sent.kind]}（${words.methods[sent.method]}送达）`,
      outcome: 'informed',
    });
    appendEvent(ctx.db, {
      caseId: sent.caseId,
      type: 'case.letter_sent',
      actorUserId: ctx.actor.userId,
      at: ctx.clock.now(),
      payload: { kind: sent.kind, method: sent.method, sentDate: sent.sentDate, contactId: contact.id },
    });
    return { contactId: contact.id };
  });
}
