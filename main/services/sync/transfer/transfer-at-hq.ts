import type { ArchiveDb } from '../../../../db/open';
import { getMeta, META_KEYS } from '../../../../db/repos/meta.repo';
import { readLastReceipt } from '../transport/sync-state';

/**
 * Whether this PC transferred the case away and head office has not yet acknowledged the transfer
 * (no receipt covers its `case.transferred` event). The transfer carries the case as this branch
 * hands it over, and HQ keeps that copy for the receiving branch; a disposal of the shell before
 * then would redact the copy before it left this PC, so the disposal waits for the sync
 * (docs/SYNC.md "Disposal of a transferred case"). A transfer made on another PC of the branch
 * came here through HQ, which therefore holds it.
 */
export function transferAwaitingHq(db: ArchiveDb, caseId: string): boolean {
  const transfer = db.$client
    .prepare(
      `SELECT installation_id AS installationId, seq FROM history_events
       WHERE case_id = ? AND type = 'case.transferred' ORDER BY hlc DESC, seq DESC LIMIT 1`,
    )
    .get(caseId) as { installationId: string; seq: number } | undefined;
  if (!transfer || transfer.installationId !== getMeta(db, META_KEYS.installationId)) return false;
  const receipt = readLastReceipt(db);
  return receipt === null || receipt.body.seq < transfer.seq;
}
