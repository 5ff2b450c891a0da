import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePiiKeyPair } from '../../../db/pii/pii-crypto';
import { holdPiiPrivateKey, PII_META, reloadPiiState } from '../../../db/pii/pii-state';
import { getCase } from '../../../main/services/cases/read.service';
import { findDuplicateCandidates } from '../../../main/services/cases/duplicates.service';
import { registerCase } from '../../../main/services/cases/register.service';
import { transferCase } from '../../../main/services/sync/transfer/transfer.service';
import { listCaseEvents } from '../../../db/repos/history.repo';
import { projectionDigest } from '../../../main/services/sync/projection-digest';
import { adoptBranchPiiKey, exportBranchPiiKey } from '../../../main/services/keyring/branch-pii-key';
import { writeKeyFile } from '../../../main/services/keyring/key-file';
import { createKeyFile } from '../../../main/services/keyring/keyring';
import { holdArchiveKey } from '../../../main/services/keyring/session-keys';
import { registration } from '../../helpers/case-inputs';
import { createBranchPcs, syncAll, type BranchPc } from '../../helpers/branch-pcs';
import { TEST_SCRYPT } from '../../helpers/archive-test-utils';

/**
 * Sealed identifiers between two PCs of a branch (docs/SYNC.md "Sealed identifiers across PCs"):
 * they travel sealed and are stored exactly as the writing PC sealed them; a PC holding the same
 * branch key opens them, one with its own key shows the masked rendering and nothing breaks.
 */
let branch: ReturnType<typeof createBranchPcs>;
let a: BranchPc;
let b: BranchPc;

beforeEach(() => {
  branch = createBranchPcs(2);
  [a, b] = branch.pcs as [BranchPc, BranchPc];
});
afterEach(() => branch.close());

type Keys = { pair: ReturnType<typeof generatePiiKeyPair>; indexKey: Buffer };
const newKeys = (): Keys => ({ pair: generatePiiKeyPair(), indexKey: crypto.randomBytes(32) });

/** Gives a PC's archive a PII key pair and index key, its connection holding the private key. */
function useKeys(pc: BranchPc, keys: Keys): void {
  const client = pc.db.$client;
  client.prepare(`DELETE FROM meta WHERE key LIKE 'pii_%'`).run();
  const put = client.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  put.run(PII_META.publicKey, keys.pair.publicKey.toString('base64'));
  put.run(PII_META.indexKey, keys.indexKey.toString('base64'));
  reloadPiiState(client);
  holdPiiPrivateKey(client, keys.pair.privateKey);
}

describe('sealed identifiers between the PCs of a branch', () => {
  it('travel sealed, converge, and open on a PC that holds the branch key', () => {
    const keys = newKeys();
    useKeys(a, keys);
    useKeys(b, keys);
    const { id } = registerCase(a.ctx('clerk'), registration({ complainant: { phone: '13812345678' } }));
    syncAll([a, b]);
    expect(projectionDigest(a.db)).toBe(projectionDigest(b.db));
    const stored = b.db.$client.prepare('SELECT * FROM cases WHERE id = ?').get(id) as Record<
      string,
      unknown
    >;
    expect(JSON.stringify(stored)).not.toContain('13812345678');
    expect(getCase(b.ctx('supervisor'), id).record.complainant.phone).toBe('13812345678');
    expect(findDuplicateCandidates(b.ctx('clerk'), { phone: '138 1234 5678' }).map((c) => c.caseId)).toEqual([
      id,
    ]);
  });

  it('show the masked rendering on a PC with another key, without failing', () => {
    useKeys(a, newKeys());
    useKeys(b, newKeys());
    const { id } = registerCase(a.ctx('clerk'), registration({ complainant: { phone: '13812345678' } }));
    syncAll([a, b]);
    expect(projectionDigest(a.db)).toBe(projectionDigest(b.db));
    expect(getCase(b.ctx('supervisor'), id).record.complainant.phone).toBe('*******5678');
    expect(getCase(a.ctx('supervisor'), id).record.complainant.phone).toBe('13812345678');
  });

  it('one branch key: exported from one PC, adopted by the other, which re-seals its own cases', async () => {
    useKeys(a, newKeys());
    useKeys(b, newKeys());
    await withKeyFile(a);
    await withKeyFile(b);
    const fromA = registerCase(a.ctx('clerk'), registration({ complainant: { phone: '13812345678' } }));
    const fromB = registerCase(
      b.ctx('clerk'),
      registration({ complainant: { phone: '13900001111', idNumber: null } }),
    );
    syncAll([a, b]);
    expect(getCase(b.ctx('supervisor'), fromA.id).record.complainant.phone).toBe('*******5678');

    const file = await exportBranchPiiKey(a.ctx('admin'), 'branch key pass 1');
    expect(file).not.toContain(
      a.db.$client.prepare(`SELECT value FROM meta WHERE key = 'pii_index_key'`).pluck().get() as string,
    );
    await expect(adoptBranchPiiKey(b.ctx('admin'), file, 'wrong pass 1234')).rejects.toMatchObject({
      code: 'PII_KEY_FILE_INVALID',
    });
    await expect(adoptBranchPiiKey(b.ctx('clerk'), file, 'branch key pass 1')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await adoptBranchPiiKey(b.ctx('admin'), file, 'branch key pass 1')).toEqual({
      adopted: true,
      resealed: 1,
    });
    syncAll([a, b]);

    expect(projectionDigest(a.db)).toBe(projectionDigest(b.db));
    expect(getCase(b.ctx('supervisor'), fromA.id).record.complainant.phone).toBe('13812345678');
    expect(getCase(a.ctx('supervisor'), fromB.id).record.complainant.phone).toBe('13900001111');
    expect(findDuplicateCandidates(a.ctx('clerk'), { phone: '139 0000 1111' }).map((c) => c.caseId)).toEqual([
      fromB.id,
    ]);
    expect(findDuplicateCandidates(b.ctx('clerk'), { phone: '13812345678' }).map((c) => c.caseId)).toEqual([
      fromA.id,
    ]);
    expect(await adoptBranchPiiKey(b.ctx('admin'), file, 'branch key pass 1')).toEqual({
      adopted: false,
      resealed: 0,
    });
  });
});

describe('a transfer from an archive that seals identifiers', () => {
  it('carries the case row as written: renderings stay renderings, sealed values stay as sealed', () => {
    useKeys(a, newKeys());
    const { id, version } = registerCase(
      a.ctx('clerk'),
      registration({ complainant: { phone: '13812345678', idNumber: '110101199003074514' } }),
    );
    transferCase(a.ctx('supervisor'), {
      caseId: id,
      toBranch: 'SH01',
      reason: '客户迁居上海',
      expectedVersion: version,
    });
    const row = a.db.$client.prepare('SELECT * FROM cases WHERE id = ?').get(id) as Record<string, unknown>;
    const event = listCaseEvents(a.db, id).find((e) => e.type === 'case.transferred');
    const payload = JSON.parse(String(event?.payload)) as { copy: { columns: Record<string, unknown> } };
    const copy = payload.copy.columns;
    // The copy is the row before the transfer: its rendering (not sealed again), its sealed value.
    expect(copy.complainantPhone).toBe(row.complainant_phone);
    expect(copy.complainantIdNumber).toBe(row.complainant_id_number);
    expect(copy.complainantPhoneSealed).toBe(row.complainant_phone_sealed);
    expect(String(copy.complainantPhoneSealed)).toMatch(/^p1\./);
    expect(String(event?.payload)).not.toContain('13812345678');
  });
});

/** A key file beside the fixture's archive and the archive key held, as a signed-in session has them. */
async function withKeyFile(pc: BranchPc): Promise<void> {
  const keyFile = await createKeyFile({
    archiveKey: pc.key,
    recoverySeed: crypto.randomBytes(32),
    admin: { username: 'admin-bj01', password: 'admin pass 123' },
    scrypt: TEST_SCRYPT,
  });
  writeKeyFile(pc.file, keyFile, pc.key);
  holdArchiveKey(pc.db, pc.file, pc.key);
}
