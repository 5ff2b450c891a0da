import { eq } from 'drizzle-orm';
import type { ArchiveDb } from '../open';
import { meta } from '../schema';

/** Facts about this archive and installation, written once at creation (chain heads live here too). */
export const META_KEYS = {
  installationId: 'installation_id',
  branchCode: 'branch_code',
  terminalCode: 'terminal_code',
  createdAt: 'created_at',
  schema: 'schema',
  /** Set once the key file beside the archive carries its MAC: from then on a file without one is changed. */
  keyFileBound: 'key_file_bound',
} as const;

/** The archive format this code writes; a later format can migrate files that carry an older one. */
export const ARCHIVE_FORMAT = 'redress-archive/1';

export interface ArchiveInfo {
  installationId: string;
  branchCode: string;
  terminalCode: string;
  createdAt: number;
  schema: string;
}

export function getMeta(db: ArchiveDb, key: string): string | null {
  return db.select().from(meta).where(eq(meta.key, key)).get()?.value ?? null;
}

export function setMeta(db: ArchiveDb, key: string, value: string): void {
  db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
}

export function getArchiveInfo(db: ArchiveDb): ArchiveInfo {
  const read = (key: string): string => {
    const value = getMeta(db, key);
    if (value === null) throw new Error(`archive meta '${key}' is missing`);
    return value;
  };
  return {
    installationId: read(META_KEYS.installationId),
    branchCode: read(META_KEYS.branchCode),
    terminalCode: read(META_KEYS.terminalCode),
    createdAt: Number(read(META_KEYS.createdAt)),
    schema: read(META_KEYS.schema),
  };
}
