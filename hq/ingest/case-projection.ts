import { asc, inArray, sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import { hqCases, events } from '../db/schema';
import { foldCase } from '../../shared/sync/case-fold';
import type { SyncEvent } from '../../shared/sync/protocol';
import { orderKey } from './chain-check';

type Tx = Parameters<Parameters<HqDb['transaction']>[0]>[0];
export type CaseData = Record<string, unknown>;

/**
 * Brings HQ's `cases` projection up to date in the push's transaction: each case a batch touches
 * is refolded from all the events HQ holds for it, with the branches' own fold
 * (shared/sync/case-fold.ts) in the same order (clock stamp, installation, seq). HQ therefore ends
 * with exactly the row every installation of the branch ends with, whatever order pushes arrive in.
 */
export async function projectCases(tx: Tx, branchCode: string, fresh: readonly SyncEvent[], now: number) {
  const ids = [...new Set(fresh.map((event) => event.caseId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return;
  const held = await tx
    .select()
    .from(events)
    .where(inArray(events.caseId, ids))
    .orderBy(
      asc(events.caseId),
      asc(sql`coalesce(${events.hlc}, '') collate "C"`),
      asc(events.installationId),
      asc(events.seq),
    );
  const byCase = new Map<string, (typeof held)[number][]>();
  for (const row of held) {
    const list = byCase.get(row.caseId!) ?? [];
    list.push(row);
    byCase.set(row.caseId!, list);
  }
  const rows = [];
  for (const [caseId, list] of byCase) {
    const folded = foldCase(
      list.map((row) => ({ ...row, hlc: row.hlc ?? '', payload: JSON.parse(row.payload) as unknown })),
    );
    if (!folded.columns) continue; // its creating event has not arrived yet
    const data: CaseData = { ...folded.columns, conflicts: folded.conflicts.length };
    rows.push({
      id: caseId,
      branchCode: typeof data.branchCode === 'string' ? data.branchCode : branchCode,
      caseNo: typeof data.caseNo === 'string' ? data.caseNo : null,
      status: typeof data.status === 'string' ? data.status : null,
      receivedMonth: receivedMonth(data),
      data,
      lastOrder: orderKey({ ...list[list.length - 1]!, hlc: list[list.length - 1]!.hlc }),
      updatedAt: now,
    });
  }
  if (rows.length === 0) return;
  await tx
    .insert(hqCases)
    .values(rows)
    .onConflictDoUpdate({
      target: hqCases.id,
      set: {
        branchCode: sql`excluded.branch_code`,
        caseNo: sql`excluded.case_no`,
        status: sql`excluded.status`,
        receivedMonth: sql`excluded.received_month`,
        data: sql`excluded.data`,
        lastOrder: sql`excluded.last_order`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

/** `YYYY-MM` of the case's received date, for the branch × month index. */
export function receivedMonth(data: CaseData): string | null {
  const value = data.receivedDate ?? data.receivedAt;
  if (typeof value === 'string' && /^\d{4}-\d{2}/.test(value)) return value.slice(0, 7);
  if (typeof value === 'number') return new Date(value).toISOString().slice(0, 7);
  return null;
}
