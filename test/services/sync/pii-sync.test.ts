import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePiiKeyPair } from '../../../db/pii/pii-crypto';
import { holdPiiPrivateKey, PII_META, reloadPiiState } from '../../../db/pii/pii-state';
import { getCase } from '../../../main/services/cases/read.service';
import { findDuplicateCandidates } from '../../../main/services/cases/duplicates.service';
import { registerCase } from '../../../main/services/cases/register.service';
import { projectionDigest } from '../../../main/services/sync/projection-digest';
import { registration } from '../../helpers/case-inputs';
import { createBranchPcs, syncAll, type BranchPc } from '../../helpers/branch-pcs';

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
});
