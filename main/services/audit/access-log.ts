import type { ArchiveDb } from '../../../db/open';
import { accessLog } from '../../../db/schema';
import { getInstallationId } from '../../../db/repos/history.repo';
import type { AccessAction } from '../../../shared/domain/audit';
import type { ServiceContext } from '../context';

/**
 * The access log, written in batches: recording a read appends to a buffer in memory (a few
 * microseconds); the buffer goes to the archive in one transaction every FLUSH_MS, at
 * FLUSH_ROWS entries, before the audit screen reads, and when the session closes. So opening a
 * case commits nothing of its own. A crash can lose at most the last second of reads — never a
 * change, which is written in its own transaction as before.
 */
const FLUSH_MS = 1_000;
const FLUSH_ROWS = 200;

interface Pending {
  rows: (typeof accessLog.$inferInsert)[];
  timer: NodeJS.Timeout | null;
  installationId: string;
}

const pending = new WeakMap<ArchiveDb, Pending>();

function bufferOf(db: ArchiveDb): Pending {
  let entry = pending.get(db);
  if (!entry) {
    entry = { rows: [], timer: null, installationId: getInstallationId(db) };
    pending.set(db, entry);
  }
  return entry;
}

export function recordAccess(
  ctx: ServiceContext,
  access: { action: AccessAction; caseId: string | null; detail?: Record<string, unknown> },
): void {
  const buffer = bufferOf(ctx.db);
  buffer.rows.push({
    at: ctx.clock.now(),
    userId: ctx.actor.userId,
    caseId: access.caseId,
    action: access.action,
    installationId: buffer.installationId,
    detail: JSON.stringify(access.detail ?? {}),
  });
  if (buffer.rows.length >= FLUSH_ROWS) flushAccessLog(ctx.db);
  else if (!buffer.timer) {
    buffer.timer = setTimeout(() => flushAccessLog(ctx.db), FLUSH_MS);
    // A pending flush must not keep a command-line process or a test worker alive.
    buffer.timer.unref();
  }
}

/** Writes what is buffered; called by the timer, the audit query and on close. */
export function flushAccessLog(db: ArchiveDb): void {
  const buffer = pending.get(db);
  if (!buffer) return;
  if (buffer.timer) clearTimeout(buffer.timer);
  buffer.timer = null;
  if (buffer.rows.length === 0 || !db.$client.open) return;
  const rows = buffer.rows.splice(0);
  try {
    db.transaction((tx) => {
      for (let i = 0; i < rows.length; i += 100)
        tx.insert(accessLog)
          .values(rows.slice(i, i + 100))
          .run();
    });
  } catch (error) {
    // Busy (an import holds the write lock): keep the rows and try again on the next tick.
    buffer.rows.unshift(...rows);
    buffer.timer = setTimeout(() => flushAccessLog(db), FLUSH_MS);
    buffer.timer.unref();
    console.warn('[access-log] flush postponed:', error instanceof Error ? error.message : error);
  }
}
