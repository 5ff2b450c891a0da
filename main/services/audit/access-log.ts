import type { ArchiveDb } from '../../../db/open';
import { accessLog } from '../../../db/schema';
import { getInstallationId } from '../../../db/repos/history.repo';
import type { AccessAction } from '../../../shared/domain/audit';
import type { ServiceContext } from '../context';

/**
 * The access log, written in batches: recording a read appends to a buffer in memory (a few
 * microseconds) and never writes on the request's own path. The buffer goes to the archive in one
 * transaction FLUSH_MS after its first entry, right after the current request (setImmediate) once
 * it holds FLUSH_ROWS, synchronously before the audit screen reads, and when the session closes
 * (sign-out, idle lock, restore, quit). So opening a case commits nothing of its own. A crash can
 * lose at most the last second of reads — never a change, which is written in its own transaction.
 */
const FLUSH_MS = 1_000;
const FLUSH_ROWS = 200;

interface Pending {
  rows: (typeof accessLog.$inferInsert)[];
  timer: NodeJS.Timeout | null;
  /** A flush queued behind the current request because the buffer is full. */
  immediate: NodeJS.Immediate | null;
  /** The last write failed (busy): only the retry timer writes until one succeeds. */
  isRetryPending: boolean;
  installationId: string;
}

const pending = new WeakMap<ArchiveDb, Pending>();

function bufferOf(db: ArchiveDb): Pending {
  let entry = pending.get(db);
  if (!entry) {
    entry = {
      rows: [],
      timer: null,
      immediate: null,
      isRetryPending: false,
      installationId: getInstallationId(db),
    };
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
  if (buffer.rows.length >= FLUSH_ROWS && !buffer.isRetryPending) {
    // After the request that filled it has answered: its reader never waits for the write.
    buffer.immediate ??= setImmediate(() => flushAccessLog(ctx.db));
    // A pending flush must not keep a command-line process or a test worker alive (close flushes).
    buffer.immediate.unref();
  } else if (!buffer.timer) {
    buffer.timer = setTimeout(() => flushAccessLog(ctx.db), FLUSH_MS);
    buffer.timer.unref();
  }
}

/** Writes what is buffered, now; called by the timer, the audit query and on close. */
export function flushAccessLog(db: ArchiveDb): void {
  const buffer = pending.get(db);
  if (!buffer) return;
  if (buffer.timer) clearTimeout(buffer.timer);
  if (buffer.immediate) clearImmediate(buffer.immediate);
  buffer.timer = null;
  buffer.immediate = null;
  if (buffer.rows.length === 0 || !db.$client.open) return;
  const rows = buffer.rows.splice(0);
  try {
    db.transaction((tx) => {
      for (let i = 0; i < rows.length; i += 100)
        tx.insert(accessLog)
          .values(rows.slice(i, i + 100))
          .run();
    });
    buffer.isRetryPending = false;
  } catch (error) {
    // Busy (an import holds the write lock): keep the rows and try again FLUSH_MS later, not on
    // every request (each try may wait out busy_timeout on the main thread).
    buffer.isRetryPending = true;
    buffer.rows.unshift(...rows);
    buffer.timer = setTimeout(() => flushAccessLog(db), FLUSH_MS);
    buffer.timer.unref();
    console.warn('[access-log] flush postponed:', error instanceof Error ? error.message : error);
  }
}
