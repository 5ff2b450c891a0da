import type { ArchiveDb } from '../../../../db/open';
import { appendEvent } from '../../../../db/repos/history.repo';
import { getMeta, META_KEYS } from '../../../../db/repos/meta.repo';
import { isAppError } from '../../../../shared/errors';
import type { ReferenceItem } from '../../../../shared/sync/protocol';
import { referencePayloadSchema, type ReferencePayload } from '../../../../shared/sync/reference-data';
import type { ServiceContext } from '../../context';
import { readSettings, updateSettings } from '../../reference/settings.service';
import { removeHolidayDay, setHolidayDay } from '../../reference/taxonomy.service';
import { listHolidays } from '../../../../db/repos/holidays.repo';
import { applyTaxonomyChanges } from './reference-taxonomy';
import { applyBranchRoles, applyBranchUsers } from './reference-users';

/** Who head office's changes are recorded as: not a user of this PC, an administrator's rights. */
export { HQ_ACTOR_ID } from '../../../../shared/sync/reference-data';
import { HQ_ACTOR_ID } from '../../../../shared/sync/reference-data';

export interface ReferenceOutcome {
  applied: number;
  /** Items this PC refused (bad for this archive: unknown code, last administrator …), with why. */
  rejected: { version: number; kind: string; code: string }[];
  /** Classes the branch holds under its own names that head office tried to add again. */
  keptLocal: string[];
  /** Users from head office who sign in only once an administrator here gives them a password. */
  awaitingPassword: string[];
}

function hqContext(db: ArchiveDb, now: number): ServiceContext {
  const branchCode = getMeta(db, META_KEYS.branchCode) ?? '';
  return {
    db,
    actor: { userId: HQ_ACTOR_ID, username: HQ_ACTOR_ID, displayName: 'HQ', role: 'admin', branchCode },
    clock: { now: () => now, timeZone: readSettings(db).timeZone },
  };
}

function applyOne(ctx: ServiceContext, item: ReferencePayload, outcome: ReferenceOutcome): void {
  switch (item.kind) {
    case 'taxonomy':
      outcome.keptLocal.push(...applyTaxonomyChanges(ctx, item.data.changes).kept);
      return;
    case 'holidays':
      for (const day of item.data.set) setHolidayDay(ctx, day);
      for (const date of item.data.remove)
        if (listHolidays(ctx.db, { from: date, to: date }).length > 0) removeHolidayDay(ctx, { date });
      return;
    case 'deadlines':
      updateSettings(ctx, { calendarMode: item.data.calendarMode });
      return;
    case 'users':
      outcome.awaitingPassword.push(...applyBranchUsers(ctx, item.data.users).awaitingPassword);
      return;
    case 'roles':
      applyBranchRoles(ctx, item.data.roles);
      return;
  }
}

/**
 * Applies head office's reference items (docs/SYNC.md "Reference data") in version order, in one
 * transaction, each through the service that makes the same change locally (its validation, its
 * history event) and each item whole or not at all (a savepoint). An item this archive refuses is
 * recorded as `reference.rejected` with the reason and skipped, so one bad item cannot stop the
 * branch from syncing; an item that is not even well-formed is refused the same way.
 */
export function applyReferenceItems(
  db: ArchiveDb,
  items: readonly ReferenceItem[],
  now: number,
): ReferenceOutcome {
  const outcome: ReferenceOutcome = { applied: 0, rejected: [], keptLocal: [], awaitingPassword: [] };
  if (items.length === 0) return outcome;
  const ctx = hqContext(db, now);
  const record = (type: string, payload: unknown) =>
    appendEvent(db, { caseId: null, type, actorUserId: HQ_ACTOR_ID, at: now, payload });
  db.transaction(() => {
    const reject = (item: ReferenceItem, code: string) => {
      outcome.rejected.push({ version: item.version, kind: item.kind, code });
      record('reference.rejected', { version: item.version, kind: item.kind, code });
    };
    for (const item of [...items].sort((a, b) => a.version - b.version)) {
      const parsed = referencePayloadSchema.safeParse({ kind: item.kind, data: item.data });
      if (!parsed.success) {
        reject(item, 'VALIDATION');
        continue;
      }
      try {
        db.transaction(() => applyOne(ctx, parsed.data, outcome));
        outcome.applied += 1;
        record('reference.applied', { version: item.version, kind: item.kind });
      } catch (error) {
        if (!isAppError(error)) throw error;
        reject(item, error.code);
      }
    }
  });
  return outcome;
}
