import crypto from 'node:crypto';
import fs from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { classifySqliteError } from '../../../db/errors';
import { openArchive, rekeyFile, removeArchiveFiles, type ArchiveDb } from '../../../db/open';
import { appendEvent } from '../../../db/repos/history.repo';
import { ARCHIVE_FORMAT, META_KEYS, setMeta } from '../../../db/repos/meta.repo';
import { insertBranch, writeSetting } from '../../../db/repos/settings.repo';
import { seedTaxonomy } from '../../../db/repos/taxonomy.repo';
import { insertUser } from '../../../db/repos/users.repo';
import { codeSchema, displayNameSchema, passwordSchema, usernameSchema } from '../../../shared/domain/auth';
import { DEFAULT_SETTINGS, SETTING_KEYS } from '../../../shared/domain/settings';
import { AppError } from '../../../shared/errors';
import { parseInput, requirePermission } from '../access-guards';
import type { ArchiveSession } from './session';
import { systemClock, type Clock } from '../context';
import { keyFilePath, readKeyFile, writeKeyFile } from '../keyring/key-file';
import { createKeyFile, dropPending, promotePending, withPendingKey } from '../keyring/keyring';
import { formatRecoveryKey, generateRecoverySeed, recoveryFingerprint } from '../keyring/recovery-key';
import { heldKeyOf, replaceHeldKey } from '../keyring/session-keys';
import type { ScryptParams } from '../keyring/primitives';
import { recordPiiKeyPair, withNewPiiKeyPair } from '../keyring/pii-access';

const createArchiveSchema = z.object({
  branch: z.object({
    code: codeSchema,
    name: z.string().trim().min(1, { message: 'auth.validation.branchName' }).max(100),
  }),
  terminalCode: codeSchema,
  admin: z.object({ username: usernameSchema, displayName: displayNameSchema, password: passwordSchema }),
});
type CreateArchiveFields = z.output<typeof createArchiveSchema>;

export interface CreateArchiveInput {
  file: string;
  branch: { code: string; name: string };
  terminalCode: string;
  admin: { username: string; displayName: string; password: string };
  clock?: Clock;
  /**
   * The archive's password derivation (default DEFAULT_SCRYPT), stored in the key file for the
   * administrator and every password set later (passwordKdfOf). Only tests whose subject is not
   * the derivation pass a cheaper one; the app and the CLI never pass it.
   */
  scrypt?: ScryptParams;
}

/**
 * First run: a new encrypted archive, its key file, the branch, the first administrator, default
 * settings and the default taxonomy. Returns the recovery key, which is shown once and stored
 * nowhere readable. If anything fails, no file is left behind.
 */
export async function createArchive(
  input: CreateArchiveInput,
): Promise<{ recoveryKey: string; fingerprint: string }> {
  const fields = parseInput(createArchiveSchema, {
    branch: input.branch,
    terminalCode: input.terminalCode,
    admin: input.admin,
  });
  if (fs.existsSync(input.file) || fs.existsSync(keyFilePath(input.file))) {
    throw new AppError('ARCHIVE_EXISTS', input.file, { params: { file: input.file } });
  }
  const clock = input.clock ?? systemClock;
  const archiveKey = crypto.randomBytes(32);
  const seed = generateRecoverySeed();
  let isCreated = false;
  try {
    // The PII key pair is made with the archive: identifiers are sealed from the first case on.
    const { keyFile, publicKey } = withNewPiiKeyPair(
      await createKeyFile({ archiveKey, recoverySeed: seed, admin: fields.admin, scrypt: input.scrypt }),
      fields.admin.username,
    );
    const db = openArchive({ file: input.file, key: archiveKey, mode: 'create' });
    isCreated = true;
    try {
      db.transaction(() => {
        const adminId = initialiseArchive(db, fields, clock);
        setMeta(db, META_KEYS.keyFileBound, '1');
        recordPiiKeyPair(db, publicKey, clock.now(), adminId);
      });
    } finally {
      db.$client.close();
    }
    writeKeyFile(input.file, keyFile, archiveKey);
    // The fingerprint is printed with the key, so `verify` can later show the key file still names it.
    return {
      recoveryKey: formatRecoveryKey(seed),
      fingerprint: recoveryFingerprint(keyFile.recovery.publicKey),
    };
  } catch (error) {
    if (isCreated) {
      removeArchiveFiles(input.file);
      fs.rmSync(keyFilePath(input.file), { force: true });
    }
    throw error;
  } finally {
    archiveKey.fill(0);
    seed.fill(0);
  }
}

function initialiseArchive(db: ArchiveDb, fields: CreateArchiveFields, clock: Clock): string {
  const now = clock.now();
  setMeta(db, META_KEYS.installationId, uuidv7());
  setMeta(db, META_KEYS.branchCode, fields.branch.code);
  setMeta(db, META_KEYS.terminalCode, fields.terminalCode);
  setMeta(db, META_KEYS.createdAt, String(now));
  setMeta(db, META_KEYS.schema, ARCHIVE_FORMAT);
  insertBranch(db, { code: fields.branch.code, name: fields.branch.name, createdAt: now });
  const adminId = uuidv7();
  const admin = { username: fields.admin.username, displayName: fields.admin.displayName };
  insertUser(db, {
    id: adminId,
    ...admin,
    role: 'admin',
    branchCode: fields.branch.code,
    createdAt: now,
    updatedAt: now,
  });
  // The installation's clock names the branch calendar; the rest are the documented defaults.
  const settings = { ...DEFAULT_SETTINGS, timeZone: clock.timeZone };
  for (const key of SETTING_KEYS) writeSetting(db, key, settings[key]);
  seedTaxonomy(db, now);
  appendEvent(db, {
    caseId: null,
    type: 'archive.created',
    actorUserId: adminId,
    at: now,
    payload: {
      branchCode: fields.branch.code,
      branchName: fields.branch.name,
      terminalCode: fields.terminalCode,
      format: ARCHIVE_FORMAT,
    },
  });
  appendEvent(db, {
    caseId: null,
    type: 'user.added',
    actorUserId: adminId,
    at: now,
    payload: { userId: adminId, ...admin, role: 'admin', branchCode: fields.branch.code },
  });
  return adminId;
}

/**
 * A new random archive key: the file is re-encrypted and the key re-sealed to every user and to
 * the recovery key, so nobody's password or recovery key changes. Crash-safe in three steps:
 * (1) the key file gets the new key as `pending` beside the current one; (2) sqlite3mc re-encrypts
 * the file; (3) the pending key becomes current. Opening after a crash between the steps tries
 * both keys (archive-open.ts). This must be the only open connection to the archive.
 */
export async function rekeyArchive(session: ArchiveSession): Promise<void> {
  requirePermission(session.ctx, 'archive:manage');
  const { file, archiveKey } = heldKeyOf(session.db);
  const oldKey = Buffer.from(archiveKey);
  const newKey = crypto.randomBytes(32);
  try {
    // Refused (KEY_FILE_TAMPERED) when the key file was changed outside Redress: a replaced
    // recovery key would otherwise get the new archive key sealed to it.
    writeKeyFile(file, withPendingKey(readKeyFile(file), newKey), oldKey);
    try {
      reencrypt(session.db, newKey);
    } catch (error) {
      // The file still has the old key: forget the pending one so no stale secret lingers.
      writeKeyFile(file, dropPending(readKeyFile(file)), oldKey);
      throw classifySqliteError(error, 'rekey');
    }
    // Proven by a fresh connection: the bytes on disk now open with the new key. If not, the
    // pending entry stays, and the next open finds whichever key works.
    openArchive({ file, key: newKey, mode: 'open', readonly: true }).$client.close();
    session.db.transaction(() => {
      appendEvent(session.db, {
        caseId: null,
        type: 'archive.rekeyed',
        actorUserId: session.actor.userId,
        at: session.clock.now(),
        payload: {},
      });
      writeKeyFile(file, promotePending(readKeyFile(file), newKey), newKey, [oldKey, newKey]);
    });
    replaceHeldKey(session.db, newKey);
  } finally {
    newKey.fill(0);
    oldKey.fill(0);
  }
}

/**
 * sqlite3mc's `PRAGMA rekey` is documented as not supported in WAL mode, so: fold the WAL into the
 * file, switch to a rollback journal, rekey, and go back to WAL.
 * https://utelle.github.io/SQLite3MultipleCiphers/docs/configuration/config_sql_pragmas/#pragma-rekey
 */
function reencrypt(db: ArchiveDb, newKey: Buffer): void {
  const client = db.$client;
  client.pragma('wal_checkpoint(TRUNCATE)');
  const mode = client.pragma('journal_mode = DELETE', { simple: true });
  if (mode !== 'delete')
    throw new AppError('ARCHIVE_BUSY', `cannot leave WAL mode for rekey (still ${String(mode)})`);
  try {
    rekeyFile(client, newKey);
  } finally {
    client.pragma('journal_mode = WAL');
  }
}
