import crypto from 'node:crypto';
import { z } from 'zod';
import { piiPublicKeyOf, PiiOpener, isSealedToken } from '../../../db/pii/pii-crypto';
import { PII_FIELDS } from '../../../db/pii/pii-fields';
import {
  heldPiiPrivateKeyCopy,
  holdPiiPrivateKey,
  PII_META,
  reloadPiiState,
} from '../../../db/pii/pii-state';
import { CaseWriter } from '../../../db/repos/cases/case-writer';
import { sealCaseValues } from '../../../db/pii/seal-values';
import { selectList } from '../../../db/repos/cases/case-columns';
import { appendEvent } from '../../../db/repos/history.repo';
import { getMeta, META_KEYS, setMeta } from '../../../db/repos/meta.repo';
import { passwordSchema } from '../../../shared/domain/auth';
import { AppError } from '../../../shared/errors';
import { parseInput, requirePermission } from '../access-guards';
import type { ServiceContext } from '../context';
import { readKeyFile, writeKeyFile } from './key-file';
import { heldKeyOf as heldArchiveKeyOf } from './session-keys';
import { piiHoldersOf } from './pii-access';
import { withPiiKeyPair } from './pii-keys';
import { aeadDecrypt, aeadEncrypt, b64, DEFAULT_SCRYPT, deriveWrappingKey, fromB64 } from './primitives';

/**
 * One PII key for all PCs of a branch (docs/SYNC.md "Sealed identifiers across PCs"). Each archive
 * makes its own pair; an administrator carries the branch's (PII private key + blind-index key)
 * from one PC to another in a file wrapped under a passphrase (scrypt + AES-256-GCM), and the other
 * PC adopts it: from then on both seal to one key, open each other's cases and match each other's
 * numbers. The file is a secret of the whole branch: keep it with the recovery key.
 */
const boxSchema = z.object({ iv: z.string(), ciphertext: z.string(), tag: z.string() });
const keyFileSchema = z.object({
  format: z.literal('redress-branch-pii-key'),
  version: z.literal(1),
  branchCode: z.string(),
  publicKey: z.string(),
  kdf: z.object({ N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() }),
  box: boxSchema,
});
const secretSchema = z.object({ privateKey: z.string(), indexKey: z.string() });

const aadOf = (branchCode: string, publicKey: string) => `redress branch pii key ${branchCode} ${publicKey}`;

/** The branch key as a file (JSON text), for an administrator whose session holds it. */
export async function exportBranchPiiKey(ctx: ServiceContext, passphrase: string): Promise<string> {
  requirePermission(ctx, 'archive:manage');
  const secret = parseInput(passwordSchema, passphrase, 'passphrase');
  const privateKey = heldPiiPrivateKeyCopy(ctx.db.$client);
  const indexKey = getMeta(ctx.db, PII_META.indexKey);
  if (!privateKey || !indexKey) throw new AppError('PII_KEY_UNAVAILABLE', 'session holds no PII key');
  const branchCode = getMeta(ctx.db, META_KEYS.branchCode) ?? '';
  const publicKey = b64(piiPublicKeyOf(privateKey));
  const salt = crypto.randomBytes(16);
  const wrapping = await deriveWrappingKey(secret, salt, DEFAULT_SCRYPT);
  const plain = Buffer.from(JSON.stringify({ privateKey: b64(privateKey), indexKey }), 'utf8');
  const box = aeadEncrypt(wrapping, plain, aadOf(branchCode, publicKey));
  for (const buffer of [wrapping, plain, privateKey]) buffer.fill(0);
  // This PC's key is now the branch's: the "other PCs use another key" hint stops here (piiKeyHint).
  setMeta(ctx.db, PII_META.exported, String(ctx.clock.now()));
  const file = {
    format: 'redress-branch-pii-key',
    version: 1,
    branchCode,
    publicKey,
    kdf: { ...DEFAULT_SCRYPT, salt: b64(salt) },
    box,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export interface AdoptedBranchKey {
  /** False when this archive already used that key. */
  adopted: boolean;
  /** Cases whose identifiers were sealed again to the branch key (each with an event sync carries). */
  resealed: number;
}

/**
 * Makes this archive use the branch key. Identifiers this PC sealed to its own key (or left plain)
 * are sealed again to the branch key with a `case.identifiers_resealed` event per case, which sync
 * carries to the other PCs; values already sealed to the branch key stay as they are.
 */
export async function adoptBranchPiiKey(
  ctx: ServiceContext,
  text: string,
  passphrase: string,
): Promise<AdoptedBranchKey> {
  requirePermission(ctx, 'archive:manage');
  const file = keyFileSchema.safeParse(safeJson(text));
  const branchCode = getMeta(ctx.db, META_KEYS.branchCode);
  if (!file.success || file.data.branchCode !== branchCode)
    throw new AppError('PII_KEY_FILE_INVALID', 'not a branch PII key file of this branch');
  const { privateKey, indexKey } = await openKeyFile(file.data, passphrase);
  try {
    if (getMeta(ctx.db, PII_META.publicKey) === file.data.publicKey) return { adopted: false, resealed: 0 };
    const previous = heldPiiPrivateKeyCopy(ctx.db.$client);
    const oldOpener = previous ? new PiiOpener(previous) : null;
    try {
      const resealed = ctx.db.transaction(() => {
        useBranchKey(ctx, file.data.publicKey, privateKey, indexKey);
        return resealOwnCases(ctx, new PiiOpener(Buffer.from(privateKey)), oldOpener);
      });
      return { adopted: true, resealed };
    } finally {
      oldOpener?.wipe();
    }
  } finally {
    privateKey.fill(0);
  }
}

async function openKeyFile(file: z.infer<typeof keyFileSchema>, passphrase: string) {
  const { salt, ...params } = file.kdf;
  const wrapping = await deriveWrappingKey(passphrase, fromB64(salt), params);
  const plain = aeadDecrypt(wrapping, file.box, aadOf(file.branchCode, file.publicKey));
  wrapping.fill(0);
  const secret = plain ? secretSchema.safeParse(safeJson(plain.toString('utf8'))) : null;
  plain?.fill(0);
  if (!secret?.success) throw new AppError('PII_KEY_FILE_INVALID', 'wrong passphrase or damaged file');
  const privateKey = fromB64(secret.data.privateKey);
  if (privateKey.length !== 32 || b64(piiPublicKeyOf(privateKey)) !== file.publicKey)
    throw new AppError('PII_KEY_FILE_INVALID', 'private key does not match the public key');
  return { privateKey, indexKey: secret.data.indexKey };
}

function useBranchKey(ctx: ServiceContext, publicKey: string, privateKey: Buffer, indexKey: string): void {
  const { db, actor } = ctx;
  setMeta(db, PII_META.publicKey, publicKey);
  setMeta(db, PII_META.indexKey, indexKey);
  setMeta(
    db,
    PII_META.createdAt,
    JSON.stringify({ at: ctx.clock.now(), byUserId: actor.userId, adopted: true }),
  );
  appendEvent(db, {
    caseId: null,
    type: 'archive.pii_key_adopted',
    actorUserId: actor.userId,
    at: ctx.clock.now(),
    payload: { publicKey },
  });
  const { file, archiveKey } = heldArchiveKeyOf(db);
  const pair = { publicKey: fromB64(publicKey), privateKey };
  writeKeyFile(file, withPiiKeyPair(readKeyFile(file), pair, piiHoldersOf(db)), archiveKey);
  reloadPiiState(db.$client);
  holdPiiPrivateKey(db.$client, privateKey);
}

const COLUMNS = PII_FIELDS.flatMap((f) => [f.property, f.sealed]);

function resealOwnCases(ctx: ServiceContext, branch: PiiOpener, own: PiiOpener | null): number {
  const rows = ctx.db.$client.prepare(`SELECT id, status, ${selectList(COLUMNS)} FROM cases`).all() as Record<
    string,
    string | null
  >[];
  const writer = new CaseWriter(ctx.db);
  let resealed = 0;
  for (const row of rows) {
    const patch: Record<string, string> = {};
    for (const field of PII_FIELDS) {
      const token = row[field.sealed];
      const plain = row[field.property];
      if (isSealedToken(token)) {
        if (branch.open(field.kind, token) !== null) continue; // already the branch's
        const opened = own?.open(field.kind, token);
        if (opened) patch[field.property] = opened;
      } else if (plain) patch[field.property] = plain; // never sealed
    }
    if (Object.keys(patch).length === 0) continue;
    const event = {
      type: 'case.identifiers_resealed',
      actorUserId: ctx.actor.userId,
      at: ctx.clock.now(),
      payload: {},
    };
    // Archived and merged cases take no change from another PC (sync's fold): re-encoded here only.
    if (row.status === 'archived' || row.status === 'merged')
      writer.restate(String(row.id), reencoded(ctx, patch));
    else writer.update(String(row.id), patch, event);
    resealed++;
  }
  writer.flush();
  return resealed;
}

function reencoded(ctx: ServiceContext, patch: Record<string, string>): Record<string, unknown> {
  return sealCaseValues(ctx.db.$client, patch);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
