import { z } from 'zod';
import type { ArchiveDb } from '../../../../db/open';
import { getMeta, setMeta } from '../../../../db/repos/meta.repo';
import { chainReceiptSchema, type ChainReceipt } from '../../../../shared/sync/protocol';

/**
 * What an installation knows about its head office, kept in the archive's `meta` table: inside the
 * encrypted archive, so the installation's private keys are sealed with the archive key and never
 * lie on disk in plaintext (docs/SYNC.md "Threat model").
 */
const keyPair = z.object({ publicKey: z.string(), privateKey: z.string() });

export const enrollmentStateSchema = z.object({
  url: z.string(),
  fingerprint: z.string(),
  hqId: z.string(),
  hqSigningKey: z.string(),
  hqEncryptionKey: z.string(),
  branchCode: z.string(),
  enrolledAt: z.number(),
  signing: keyPair,
  encryption: keyPair,
  /** Active PCs of the branch besides this one when it enrolled (HQ's answer; absent from older HQs). */
  otherPcs: z.number().int().nonnegative().optional(),
});
export type EnrollmentState = z.infer<typeof enrollmentStateSchema>;

export const progressSchema = z.object({
  /** The last seq of this installation's chain HQ has acknowledged with a receipt. */
  ackedSeq: z.number().int().nonnegative(),
  /** HQ's pull cursor. */
  cursor: z.string(),
  referenceVersion: z.number().int().nonnegative(),
  lastSyncAt: z.number().nullable(),
  lastError: z.string().nullable(),
});
export type SyncProgress = z.infer<typeof progressSchema>;

const KEYS = {
  enrollment: 'sync_enrollment',
  progress: 'sync_progress',
  receipt: 'sync_last_receipt',
  importedBundles: 'sync_imported_bundles',
} as const;

const INITIAL_PROGRESS: SyncProgress = {
  ackedSeq: 0,
  cursor: '0',
  referenceVersion: 0,
  lastSyncAt: null,
  lastError: null,
};

function readJson<T>(db: ArchiveDb, key: string, schema: z.ZodType<T>): T | null {
  const raw = getMeta(db, key);
  if (raw === null) return null;
  const parsed = schema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

export const readEnrollment = (db: ArchiveDb) => readJson(db, KEYS.enrollment, enrollmentStateSchema);
export const writeEnrollment = (db: ArchiveDb, state: EnrollmentState) =>
  setMeta(db, KEYS.enrollment, JSON.stringify(state));

export const readProgress = (db: ArchiveDb): SyncProgress =>
  readJson(db, KEYS.progress, progressSchema) ?? INITIAL_PROGRESS;
export function updateProgress(db: ArchiveDb, patch: Partial<SyncProgress>): SyncProgress {
  const next = { ...readProgress(db), ...patch };
  setMeta(db, KEYS.progress, JSON.stringify(next));
  return next;
}

/** The newest receipt HQ signed for this installation's chain: what `verify` checks the chain against. */
export const readLastReceipt = (db: ArchiveDb): ChainReceipt | null =>
  readJson(db, KEYS.receipt, chainReceiptSchema);
export function keepReceipt(db: ArchiveDb, receipt: ChainReceipt): void {
  const current = readLastReceipt(db);
  if (current && current.body.seq > receipt.body.seq) return;
  setMeta(db, KEYS.receipt, JSON.stringify(receipt));
}

export function hasImportedBundle(db: ArchiveDb, bundleId: string): boolean {
  return (readJson(db, KEYS.importedBundles, z.array(z.string())) ?? []).includes(bundleId);
}
export function recordImportedBundle(db: ArchiveDb, bundleId: string): void {
  const ids = readJson(db, KEYS.importedBundles, z.array(z.string())) ?? [];
  setMeta(db, KEYS.importedBundles, JSON.stringify([...ids, bundleId].slice(-1000)));
}
