import v8 from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { openArchive, type ArchiveDb } from '../../../../db/open';
import { collectGarbageNow, createHeapBudget } from '../../import/heap-budget';
import { requireEnrollment } from '../transport/enroll';
import { restoreEngine } from '../transport/sync-run';
import { restoreInBulk, type RestoreStep, type RestoreTotals } from './bulk-restore';
import { serveThread } from '../../files/thread-runner';
import { pullAll } from '../transport/exchange';
import { hqCaseRowPages } from './hq-case-rows';
import type { RestoreMessage, RestoreWorkerData } from './restore-thread';

/**
 * The restoring thread (restore-thread.ts): opens its own connection to the archive and runs the
 * bulk restore there, posting its progress and its outcome.
 */
const data = workerData as RestoreWorkerData;
const post = (message: RestoreMessage) => parentPort!.postMessage(message);

/**
 * This connection's page cache, in KiB: the restore writes at the tables' right edges and reads
 * each case's events in a window that sweeps the history once, so a small cache serves it, and
 * memory added by a restore stays small (the app's own connection keeps its 128 MiB). 4 MiB in
 * both phases: storing appends at the right edges (8 MiB before session 10: 4 MB more at the
 * peak). The projection's window (~10,000 events, ~7 MB of table pages, when 1,000 cases are
 * worked side by side) fits 16 MiB and not 4, but a page missed comes back from the OS's file
 * cache, decrypted again, for little: 16 / 8 / 4 / 2 MiB cost the same thread CPU within the noise
 * (session 11), and 16 MiB put the restore's memory peak in the projection (docs/PERFORMANCE.md).
 */
const RESTORE_CACHE_KIB = { events: 4_096, cases: 4_096 };
/**
 * Events per pulled page: a page is held three times while it is applied (the response's bytes,
 * its text, the parsed events) and the next one arrives meanwhile: ~60 MB for HQ's largest pages
 * (5,000 events). Smaller pages cost CPU on both sides (a request, a signature, a commit each):
 * 1,000 added ~10 % (docs/PERFORMANCE.md), 2,000 is the middle.
 */
const RESTORE_PAGE_EVENTS = 2_000;
/**
 * WAL pages between checkpoints while the restore writes (SQLite's default is 1,000): each
 * checkpoint copies pages back into the file, decrypted and encrypted again, and the pages every
 * commit touches (the tables' right edges) are copied again at every checkpoint.
 */
const RESTORE_WAL_AUTOCHECKPOINT = 10_000;
/**
 * This thread's heap budget and headroom (main/services/import/heap-budget.ts): its live data is a
 * page or two of events and a step's cases; the rest is garbage that V8 would otherwise let grow to
 * hundreds of MB before a full collection. A budget, not a cap: a page heavy with evidence files
 * still fits. Counted on the old generation only: the young one (restore-thread.ts) is bounded by
 * its own size and emptied by scavenges, far cheaper than the full collection the budget asks for.
 * What survives a full collection is ~16 MB (the thread's modules and state), so the old generation
 * is collected at ~24 MB: 32 MB + 16 MB of headroom let it reach ~40 MB, 15 MB of the restore's
 * memory peak for no measurable CPU (docs/PERFORMANCE.md, restore, session 10).
 */
const HEAP_BUDGET_BYTES = 24 * 1024 * 1024;
const HEAP_HEADROOM_BYTES = 8 * 1024 * 1024;

/** This thread's own CPU time between steps (GC helper threads and the app's thread not included). */
const threadCpu = (() => {
  let mark = process.threadCpuUsage();
  return {
    since(): number {
      const used = process.threadCpuUsage(mark);
      mark = process.threadCpuUsage();
      return (used.user + used.system) / 1000;
    },
  };
})();

/** This thread's V8 heap as it stands, MB (benches: where the memory is). */
function threadHeapMb(): NonNullable<RestoreStep['threadHeapMb']> {
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  let young = 0;
  let old = 0;
  let oldUsed = 0;
  for (const space of v8.getHeapSpaceStatistics()) {
    if (space.space_name === 'new_space' || space.space_name === 'new_large_object_space')
      young += space.physical_space_size;
    else {
      old += space.physical_space_size;
      oldUsed += space.space_used_size;
    }
  }
  return {
    young: mb(young),
    old: mb(old),
    oldUsed: mb(oldUsed),
    external: mb(v8.getHeapStatistics().external_memory),
  };
}

async function run(): Promise<RestoreTotals> {
  let db: ArchiveDb | null = null;
  try {
    // The key arrives as the Uint8Array a structured clone makes of a Buffer.
    const key = data.open.key === null ? null : Buffer.from(data.open.key);
    db = openArchive({ ...data.open, key });
    db.$client.pragma(`wal_autocheckpoint = ${RESTORE_WAL_AUTOCHECKPOINT}`);
    const open = db;
    const heapBudget = createHeapBudget(HEAP_BUDGET_BYTES, HEAP_HEADROOM_BYTES, { oldGenerationOnly: true });
    const state = requireEnrollment(open);
    return await restoreInBulk(
      open,
      restoreEngine,
      (storing) => pullAll(open, state, storing, data.now, RESTORE_PAGE_EVENTS),
      data.now,
      {
        stepMs: data.stepMs,
        historyLiveFromRows: data.historyLiveFromRows,
        cacheKib: RESTORE_CACHE_KIB,
        caseRows: data.hqRows ? hqCaseRowPages(open, state, data.now) : undefined,
        checkPause: data.checkPause,
        onRestored: (totals) => post({ type: 'restored', totals }),
        // The young generation (restore-thread.ts) is full of garbage by then: given back before
        // an index's sort takes its memory, so the two do not add up.
        beforeIndexes: collectGarbageNow,
        onApplied: (totals) => post({ type: 'applied', totals }),
        onStep: (step) => {
          heapBudget.check();
          post({
            type: 'step',
            step: { ...step, threadCpuMs: threadCpu.since(), threadHeapMb: threadHeapMb() },
          });
        },
      },
    );
  } finally {
    db?.$client.close();
  }
}

await serveThread(run);
