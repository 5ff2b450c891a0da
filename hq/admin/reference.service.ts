import type { HqDb } from '../db/open';
import { referenceData } from '../db/schema';
import type { PublishReference } from '../../shared/sync/reference-data';

/**
 * Head office publishes reference data (docs/SYNC.md "Reference data"): each item becomes one
 * versioned row of `reference_data`, all in one transaction, so a branch pulls a publication whole
 * or not at all and applies the items in version order. Rows are never changed afterwards: a
 * correction is a newer item.
 */
export async function publishReference(
  db: HqDb,
  publication: PublishReference,
  now: number,
): Promise<{ versions: number[]; branchCode: string | null }> {
  const rows = await db.transaction((tx) =>
    tx
      .insert(referenceData)
      .values(
        publication.items.map((item) => ({
          kind: item.kind,
          branchCode: publication.branchCode,
          data: item.data,
          createdAt: now,
        })),
      )
      .returning({ version: referenceData.version }),
  );
  return { versions: rows.map((r) => r.version).sort((a, b) => a - b), branchCode: publication.branchCode };
}
