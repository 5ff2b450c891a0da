import type { ArchiveDb } from '../../../../db/open';
import { getInstallationId } from '../../../../db/repos/history.repo';
import type { RestoreCaseRow, RestoreCasesResponse } from '../../../../shared/sync/protocol';
import { signed } from '../../../../shared/sync/sync-crypto';
import { isSyncError } from '../../../../shared/sync/sync-error';
import { clientFor, requestSent } from '../transport/exchange';
import type { EnrollmentState } from '../transport/sync-state';

/**
 * HQ's projected rows of the branch's cases (hq/ingest/restore-cases.ts), for a restore's
 * projection phase (bulk-restore.ts): a page of rows after a case id, in id order. Started by the
 * caller, resolved once the request is on its way (the next page is asked for before a step holds
 * the thread, so HQ reads it meanwhile).
 */
export type CaseRowPages = (after: string) => Promise<{ response: Promise<RestoreCasesResponse> }>;

/**
 * Rows per page: ~3 kB of JSON each (a case's ~70 columns), so a page and the one asked for beside
 * it hold ~6 MB of text and their parsed rows on the restoring thread (its memory, issue 15).
 */
export const RESTORE_CASE_ROWS_PER_PAGE = 1_000;

export function hqCaseRowPages(db: ArchiveDb, state: EnrollmentState, now: number): CaseRowPages {
  const client = clientFor(state);
  const installationId = getInstallationId(db);
  return async (after) => {
    const request = await signed(state.signing.privateKey, 'restore-cases', {
      hqId: state.hqId,
      installationId,
      after,
      limit: RESTORE_CASE_ROWS_PER_PAGE,
      sentAt: now,
    });
    return requestSent((onSent) => client.restoreCases(request, onSent));
  };
}

/**
 * The rows HQ sent that the projection has not reached yet, merged with the PC's own case ids in
 * id order: `take` hands over a case's row (or nothing: HQ holds none for it, e.g. a case
 * transferred away, or a case HQ has not projected), `covers` tells whether every row up to an id
 * is here, `fill` takes in the page asked for and asks for the next one.
 */
export class CaseRowWindow {
  private readonly rows = new Map<string, RestoreCaseRow>();
  private last: string;
  private more = true;
  private received = false;
  private pending: Promise<{ response: Promise<RestoreCasesResponse> }> | null = null;

  constructor(
    private readonly pages: CaseRowPages,
    after: string,
  ) {
    this.last = after;
  }

  /** Every row HQ has up to `id` is here (or was handed over). */
  covers(id: string): boolean {
    return !this.more || id <= this.last;
  }

  /** Takes in the next page, and asks for the one after it before returning. */
  async fill(): Promise<void> {
    const first = !this.received;
    this.received = true;
    let page: RestoreCasesResponse;
    try {
      page = await (await (this.pending ?? this.pages(this.last))).response;
    } catch (error) {
      // An HQ from before these pages: every case is folded here, as restores did before.
      if (!(first && isSyncError(error) && error.code === 'NOT_FOUND')) throw error;
      page = { cases: [], hasMore: false };
    }
    this.pending = null;
    for (const row of page.cases) this.rows.set(row.id, row);
    const last = page.cases.at(-1)?.id;
    if (last !== undefined) this.last = last;
    this.more = page.hasMore && last !== undefined;
    if (this.more) {
      this.pending = this.pages(this.last);
      // Awaited by the next `fill`; a failure before then is that call's to report.
      this.pending.then((sent) => sent.response.catch(() => undefined)).catch(() => undefined);
      await this.pending;
    }
  }

  /** The row of case `id`, taken out of the window, and every row before it dropped. */
  take(id: string): RestoreCaseRow | undefined {
    const row = this.rows.get(id);
    for (const held of this.rows.keys()) {
      if (held > id) break;
      this.rows.delete(held);
    }
    return row;
  }
}
