import { asc, eq } from 'drizzle-orm';
import type { ArchiveDb } from '../open';
import { branches, settings } from '../schema';

/** Settings rows as stored: key → parsed JSON. Validation and defaults belong to the service. */
export function readSettingRows(db: ArchiveDb): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const row of db.select().from(settings).all()) out[row.key] = JSON.parse(row.value) as unknown;
  return out;
}

export function writeSetting(db: ArchiveDb, key: string, value: unknown): void {
  const json = JSON.stringify(value);
  db.insert(settings)
    .values({ key, value: json })
    .onConflictDoUpdate({ target: settings.key, set: { value: json } })
    .run();
}

export type BranchRow = typeof branches.$inferSelect;

export function listBranchRows(db: ArchiveDb): BranchRow[] {
  return db.select().from(branches).orderBy(asc(branches.code)).all();
}

export function findBranch(db: ArchiveDb, code: string): BranchRow | undefined {
  return db.select().from(branches).where(eq(branches.code, code)).get();
}

export function insertBranch(db: ArchiveDb, row: BranchRow): void {
  db.insert(branches).values(row).run();
}
