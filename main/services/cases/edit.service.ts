import { z } from 'zod';
import { registrationColumns, requireCaseRow, rowToRecord } from '../../../db/repos/cases/cases.repo';
import { updateCase as writeCaseUpdate } from '../../../db/repos/cases/case-writer';
import { appendEvent } from '../../../db/repos/history.repo';
import { revealCaseRow } from '../../../db/pii/reveal';
import { calendarRule } from '../../../db/repos/holidays.repo';
import type { CaseRow, NewCaseRow } from '../../../db/schema';
import { caseRegistrationSchema, type CaseRecord, type CaseRegistration } from '../../../shared/domain/case';
import type { CaseDetail } from '../../../shared/domain/case-detail';
import { computeDueDate, localDate } from '../../../shared/domain/deadlines';
import { maskAccount, maskIdNumber, maskPhone } from '../../../shared/domain/masking';
import { AppError } from '../../../shared/errors';
import { toDetail } from './read.service';
import {
  caseSettings,
  diffFields,
  parseInput,
  readableCaseRow,
  requirePermission,
  requireWritable,
} from './case-scope';
import { normaliseRegistration, registrationProblems } from './validation';
import type { ServiceContext } from '../context';

/** Correcting a case's registration, and annotating any case (archived ones included). */

/** Top-level registration fields; a nested object (complainant, classification …) is replaced whole. */
export const caseEditSchema = caseRegistrationSchema.omit({ externalRef: true }).partial().strict();
export type CaseEditPatch = z.input<typeof caseEditSchema>;

const REGISTRATION_KEYS = Object.keys(caseEditSchema.shape) as (keyof CaseRegistration)[];

export function updateCase(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  patch: CaseEditPatch,
  reason?: string,
): CaseDetail {
  requirePermission(ctx, 'case:edit');
  // zod fills defaults (facts: '') even in a partial schema; only the keys sent are changes.
  const parsed = parseInput(caseEditSchema, patch);
  const changes = Object.fromEntries(Object.entries(parsed).filter(([key]) => key in patch));
  readableCaseRow(ctx, id);
  const updated = ctx.db.transaction(() => {
    // Compared in plaintext where this session may (a form shows what the actor may see).
    const current = revealCaseRow(ctx.db.$client, requireCaseRow(ctx.db, id));
    requireWritable(current);
    if (current.version !== expectedVersion) {
      throw new AppError('CONFLICT', `case ${id} is at version ${current.version}, not ${expectedVersion}`);
    }
    const before = rowToRecord(current);
    const merged = normaliseRegistration({ ...pickRegistration(before), ...changes } as CaseRegistration);
    const after = keepUnmaskedIdentifiers(before, merged);
    assertValidEdit(ctx, before, after);
    const columns: Partial<NewCaseRow> = registrationColumns(after);
    if (after.receivedAt !== before.receivedAt)
      Object.assign(columns, rescheduled(ctx, ctx.db, current, after.receivedAt));
    const diff = diffFields(current, columns);
    if (Object.keys(diff).length === 0) return current;
    // Only what changed is written: a correction on another PC of a field this one left alone
    // must survive the merge of both (docs/SYNC.md, last writer wins per field).
    const changed = Object.fromEntries(
      Object.keys(diff).map((key) => [key, columns[key as keyof NewCaseRow]]),
    );
    return writeCaseUpdate(ctx.db, id, expectedVersion, changed as Partial<NewCaseRow>, {
      type: 'case.edited',
      actorUserId: ctx.actor.userId,
      at: ctx.clock.now(),
      payload: { changes: diff, reason: reason ?? null },
    });
  });
  return toDetail(ctx, updated);
}

function pickRegistration(record: CaseRecord): CaseRegistration {
  const out: Record<string, unknown> = {};
  for (const key of REGISTRATION_KEYS) out[key] = record[key];
  return out as unknown as CaseRegistration;
}

/**
 * A form filled from a masked record sends the masked value back (`138****5678`). Saving it would
 * destroy the real number, so a value equal to the mask of the stored one keeps the stored one.
 */
function keepUnmaskedIdentifiers(before: CaseRecord, after: CaseRegistration): CaseRegistration {
  const keep = (
    stored: string | null | undefined,
    sent: string | null | undefined,
    mask: (v: string) => string,
  ) => (stored && sent && sent !== stored && sent === mask(stored) ? stored : sent);
  const b = before.complainant;
  const a = after.complainant;
  return {
    ...after,
    accountNumber: keep(before.accountNumber, after.accountNumber, maskAccount),
    complainant: {
      ...a,
      idNumber: keep(b.idNumber, a.idNumber, maskIdNumber),
      phone: keep(b.phone, a.phone, maskPhone),
      agentPhone: keep(b.agentPhone, a.agentPhone, maskPhone),
    },
  };
}

/** The registration rules, except that a code retired since registration may stay on the case. */
function assertValidEdit(ctx: ServiceContext, before: CaseRecord, after: CaseRegistration): void {
  const problems = registrationProblems(ctx.db, after, ctx.clock.now());
  const unchanged = (field: string) => {
    const key = field.split('.')[1] as keyof CaseRecord['classification'] | undefined;
    return key !== undefined && before.classification[key] === after.classification[key];
  };
  // A sealed identifier the actor may not see stays as its masked rendering (`*******5678`): it was
  // checked when it was entered and is not a value to check again.
  const isKeptIdentifier = (field: string) => {
    const key = field.split('.')[1] as 'phone' | 'idNumber' | 'agentPhone' | undefined;
    if (field === 'accountNumber') return before.accountNumber === after.accountNumber;
    return (
      field.startsWith('complainant.') &&
      key !== undefined &&
      before.complainant[key] === after.complainant[key]
    );
  };
  const fields = Object.fromEntries(
    Object.entries(problems).filter(
      ([field]) => !(field.startsWith('classification.') && unchanged(field)) && !isKeptIdentifier(field),
    ),
  );
  if (Object.keys(fields).length > 0) {
    throw new AppError('VALIDATION', `invalid edit: ${Object.keys(fields).join(', ')}`, { fields });
  }
}

/** A corrected receipt time moves the received date and, with it, the due date. */
function rescheduled(
  ctx: ServiceContext,
  db: Parameters<typeof calendarRule>[0],
  row: CaseRow,
  receivedAt: number,
) {
  const receivedDate = localDate(receivedAt, ctx.clock.timeZone);
  const dueDate = computeDueDate({
    receivedDate,
    limitDays: row.limitDays,
    pausedDays: row.pausedDays,
    rule: calendarRule(db, caseSettings(ctx).calendarMode),
  });
  return { receivedDate, dueDate };
}

const annotationSchema = z.string().trim().min(1).max(10_000);

/** A note on the case's history. Allowed on archived and merged cases: it changes no field. */
export function annotateCase(ctx: ServiceContext, id: string, text: string): void {
  const note = parseInput(annotationSchema, text);
  // A note is a change to the case's record: it takes a handling role and the case's branch scope
  // (an analyst reads every branch but changes none).
  requirePermission(ctx, 'case:handle');
  readableCaseRow(ctx, id);
  ctx.db.transaction(() => {
    appendEvent(ctx.db, {
      caseId: id,
      type: 'case.annotated',
      actorUserId: ctx.actor.userId,
      at: ctx.clock.now(),
      payload: { text: note },
    });
  });
}
