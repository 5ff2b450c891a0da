import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePiiKeyPair, isSealedToken, PiiOpener } from '../../../db/pii/pii-crypto';
import { PII_META, reloadPiiState } from '../../../db/pii/pii-state';
import { sealPayload } from '../../../db/pii/seal-values';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';

/**
 * An event's payload on its way to the file: identifiers under their keys sealed, at any depth;
 * a payload with none (an import's, a seed's) given back as it is, not rebuilt per case.
 */
let f: ArchiveFixture;
const pair = generatePiiKeyPair();
beforeEach(() => {
  f = createArchiveFixture();
  const client = f.db.$client;
  client.prepare(`DELETE FROM meta WHERE key LIKE 'pii_%'`).run();
  const put = client.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  put.run(PII_META.publicKey, pair.publicKey.toString('base64'));
  put.run(PII_META.indexKey, crypto.randomBytes(32).toString('base64'));
  reloadPiiState(client);
});
afterEach(() => f.close());

describe('sealPayload', () => {
  it('gives a payload without identifiers back as it is', () => {
    const payload = { status: 'registered', import: { row: 12, externalId: '13800138000', file: 'a.csv' } };
    expect(sealPayload(f.db.$client, payload)).toBe(payload);
    const sealedAlready = { phone: 'p1.x.y', idNumber: '' };
    expect(sealPayload(f.db.$client, sealedAlready)).toBe(sealedAlready);
  });

  it('seals identifiers under their keys at any depth, and nothing else', () => {
    const payload = {
      complainant: { name: '张三', phone: '138 0013 8000', idNumber: '11010519491231002X' },
      agents: [{ agentPhone: '13900139000' }],
      n: 1,
    };
    const sealed = sealPayload(f.db.$client, payload) as typeof payload;
    const opener = new PiiOpener(Buffer.from(pair.privateKey));
    expect(sealed).not.toBe(payload);
    expect(sealed.complainant.name).toBe('张三');
    expect(sealed.n).toBe(1);
    expect(isSealedToken(sealed.complainant.phone)).toBe(true);
    expect(opener.open('phone', sealed.complainant.phone)).toBe('138 0013 8000');
    expect(opener.open('id', sealed.complainant.idNumber)).toBe('11010519491231002X');
    expect(opener.open('phone', sealed.agents[0]!.agentPhone)).toBe('13900139000');
    expect(payload.complainant.phone).toBe('138 0013 8000'); // the caller's object is left alone
  });
});
