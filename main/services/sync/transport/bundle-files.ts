import fs from 'node:fs';
import { SyncError } from '../../../../shared/sync/sync-error';
import type { ArchiveDb } from '../../../../db/open';
import { guardOutputPath } from '../../files/output-guard';
import { heldKeyOf } from '../../keyring/session-keys';
import { exportBundle, importReplyBundle, type ReplyImport } from './bundles';
import { branchEngine } from './sync-run';

/** A bundle is JSON text; V8 cannot hold one string much above 512 MB. */
export const MAX_BUNDLE_MB = 500;

/**
 * Written under a temporary name and renamed: a bundle on a stick is whole or absent, never half.
 * Readable by its owner only (it is encrypted, but names the branch and installation).
 */
export function writeFileAtomically(file: string, text: string): void {
  const temporary = `${file}.partial`;
  fs.writeFileSync(temporary, text, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

/**
 * `redress sync export-bundle --out F` and the sync screen's "export a bundle for head office":
 * the same bundle, written whole to a file a person chose (never over the archive or its keys).
 */
export async function exportBundleToFile(
  db: ArchiveDb,
  file: string,
  now: number,
): Promise<{ file: string; events: number; bundleId: string }> {
  const target = guardOutputPath(file, [heldKeyOf(db).file]);
  const bundle = await exportBundle(db, branchEngine, now);
  writeFileAtomically(target, bundle.text);
  return { file: target, events: bundle.events, bundleId: bundle.bundleId };
}

/**
 * The app's "import the reply bundle": the file behind an upload handle, read with the CLI's size
 * limit; anything that is not a readable bundle is BUNDLE_INVALID (one line, nothing changed).
 */
export async function importReplyBundleFile(db: ArchiveDb, file: string, now: number): Promise<ReplyImport> {
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_BUNDLE_MB * 1024 * 1024) throw new Error('too large');
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new SyncError('BUNDLE_INVALID', error instanceof Error ? error.message : String(error));
  }
  return importReplyBundle(db, branchEngine, text, now);
}
