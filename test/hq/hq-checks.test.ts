import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { eventForks, events, installations } from '../../hq/db/schema';
import { SyncError } from '../../shared/sync/sync-error';
import { verifyBody, signed } from '../../shared/sync/sync-crypto';
import { hqClient } from '../../main/services/sync/transport/hq-client';
import { TransportError, requestJson } from '../../main/services/sync/transport/pinned-https';
import { SYNC_PATHS, pushResponseSchema, signedMessageText } from '../../shared/sync/protocol';
import { startTestHq, type TestHq, useTestHq } from '../helpers/hq-postgres';
import { batchOf, enrollFake, enrollWithCode, nextEvents, pullOf } from '../helpers/sync-fixtures';

/** HQ's refusals (issue 15 "Security"), each against a real PostgreSQL over real HTTPS. */
const setup = useTestHq();
let client: ReturnType<typeof hqClient>;

beforeAll(() => {
  client = hqClient(setup.hq.endpoint);
});

async function refusal(promise: Promise<unknown>): Promise<SyncError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SyncError);
  return error as SyncError;
}

async function heldEvents(installationId: string): Promise<number> {
  const [row] = await setup.hq.db
    .select({ n: count() })
    .from(events)
    .where(eq(events.installationId, installationId));
  return row!.n;
}

async function installationsOf(branchCode: string): Promise<string[]> {
  const rows = await setup.hq.db
    .select({ id: installations.id })
    .from(installations)
    .where(eq(installations.branchCode, branchCode));
  return rows.map((row) => row.id).sort();
}

describe('push', () => {
  it('stores a batch and answers with a receipt of the chain head signed by HQ', async () => {
    const branch = await enrollFake(setup.hq, 'BJ01');
    const batch = await batchOf(branch, nextEvents(branch, 5));
    const response = await client.push(batch);
    expect(response).toMatchObject({ accepted: 5, duplicates: 0 });
    expect(response.receipt.body).toMatchObject({
      installationId: branch.id,
      seq: 5,
      hash: branch.head.hash,
    });
    expect(
      await verifyBody(
        setup.hq.identity.signing.publicKey,
        'receipt',
        response.receipt.body,
        response.receipt.signature,
      ),
    ).toBe(true);
    expect(await heldEvents(branch.id)).toBe(5);
  });

  it('a replayed batch changes nothing and says the events were duplicates', async () => {
    const branch = await enrollFake(setup.hq, 'BJ01');
    const batch = await batchOf(branch, nextEvents(branch, 3));
    await client.push(batch);
    const again = await client.push(batch);
    expect(again).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(again.receipt.body.seq).toBe(3);
    expect(await heldEvents(branch.id)).toBe(3);
  });

  it('refuses a batch with a bad signature', async () => {
    const branch = await enrollFake(setup.hq, 'BJ01');
    const other = await enrollFake(setup.hq, 'BJ01');
    const events = nextEvents(branch, 2);
    const forged = await batchOf(branch, events);
    const signedByOther = await signed(other.signing.privateKey, 'push', forged.body);
    expect((await refusal(client.push(signedByOther))).code).toBe('BAD_SIGNATURE');
    expect(await heldEvents(branch.id)).toBe(0);
  });

  it('checks the signature on the body text as sent, and on the parsed body when written otherwise', async () => {
    const branch = await enrollFake(setup.hq, 'BJ01');
    const batch = await batchOf(branch, nextEvents(branch, 2));
    const push = (body: string) =>
      requestJson(setup.hq.endpoint, SYNC_PATHS.push, pushResponseSchema, { method: 'POST', body });
    const canonical = signedMessageText(batch);
    // The same signed content with one event's type changed in the text: the bytes were not signed.
    const tampered = canonical.replace('"type":"audit.test"', '"type":"audit.tested"');
    expect(tampered).not.toBe(canonical);
    expect((await refusal(push(tampered))).code).toBe('BAD_SIGNATURE');
    // Plain JSON.stringify (keys in insertion order, not canonical): checked on the parsed body.
    expect(canonical).not.toBe(JSON.stringify(batch));
    expect(await push(JSON.stringify(batch))).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(await push(canonical)).toMatchObject({ accepted: 0, duplicates: 2 });
  });

  it('stores every event exactly as sent: tabs, newlines, backslashes, quotes and Chinese survive the COPY', async () => {
    const sender = await enrollFake(setup.hq, 'WH06');
    const colleague = await enrollFake(setup.hq, 'WH06');
    const awkward = ['制表\t符', '换行\n与回车\r\n', '反斜杠 \\ 与 \\N 与 \\.', '引号 " 和 \'', '\\\t\n'];
    const sent = nextEvents(sender, awkward.length, (seq) => ({
      caseId: null,
      type: `audit.note\t${seq}\\x`,
      payload: { text: awkward[seq - 1], nested: { line: `a\nb\\c\t${seq}` } },
    }));
    expect(sent.some((e) => e.payload.includes('\\\\'))).toBe(true); // backslashes inside the JSON text
    expect(await client.push(await batchOf(sender, sent))).toMatchObject({ accepted: awkward.length });
    const held = await setup.hq.db
      .select()
      .from(events)
      .where(eq(events.installationId, sender.id))
      .orderBy(events.seq);
    expect(held.map((e) => [e.type, e.payload, e.hash])).toEqual(
      sent.map((e) => [e.type, e.payload, e.hash]),
    );
    // A colleague's pull gets them back byte for byte (its client checks their chain).
    expect((await client.pull(await pullOf(colleague))).events).toEqual(sent);
  });

  it('refuses a gap in seq and tells which seq it expects', async () => {
    const branch = await enrollFake(setup.hq, 'BJ01');
    await client.push(await batchOf(branch, nextEvents(branch, 2)));
    nextEvents(branch, 1); // seq 3 never sent
    const error = await refusal(client.push(await batchOf(branch, nextEvents(branch, 2))));
    expect(error.code).toBe('SEQ_GAP');
    expect(error.seq).toBe(3);
    expect(await heldEvents(branch.id)).toBe(2);
  });

  it('a fork (same seq, different hash) is reported, both versions kept, nothing overwritten', async () => {
    const branch = await enrollFake(setup.hq, 'BJ01');
    const original = nextEvents(branch, 3);
    await client.push(await batchOf(branch, original));
    // An old backup restored: the chain continues from seq 1 differently.
    branch.head = { seq: 1, hash: original[0]!.hash };
    const rewritten = nextEvents(branch, 3, () => ({ caseId: null, type: 'audit.test', payload: { n: 2 } }));
    const error = await refusal(client.push(await batchOf(branch, rewritten)));
    expect(error.code).toBe('CHAIN_FORK');
    expect(error.seq).toBe(2);
    const held = await setup.hq.db
      .select()
      .from(events)
      .where(eq(events.installationId, branch.id))
      .orderBy(events.seq);
    expect(held.map((e) => e.hash)).toEqual(original.map((e) => e.hash));
    const forks = await setup.hq.db.select().from(eventForks).where(eq(eventForks.installationId, branch.id));
    expect(forks.map((f) => f.seq).sort()).toEqual([2, 3, 4]); // 4 continues the rewritten chain: a fork too
    const status = await setup.hq.admin.status();
    expect(status.installations.find((i) => i.installationId === branch.id)?.forks).toBe(3);
  });

  it('refuses a batch for another branch', async () => {
    const branch = await enrollFake(setup.hq, 'BJ01');
    const error = await refusal(
      client.push(await batchOf(branch, nextEvents(branch, 1), { branchCode: 'SH02' })),
    );
    expect(error.code).toBe('WRONG_BRANCH');
    expect(await heldEvents(branch.id)).toBe(0);
  });

  it('refuses a batch meant for another HQ', async () => {
    const branch = await enrollFake(setup.hq, 'BJ01');
    const error = await refusal(
      client.push(await batchOf(branch, nextEvents(branch, 1), { hqId: crypto.randomUUID() })),
    );
    expect(error.code).toBe('WRONG_HQ');
  });

  it('refuses an event whose hash does not match its content', async () => {
    const branch = await enrollFake(setup.hq, 'BJ01');
    const [event] = nextEvents(branch, 1);
    const tampered = { ...event!, payload: '{"n":999}' };
    expect((await refusal(client.push(await batchOf(branch, [tampered])))).code).toBe('CHAIN_BROKEN');
  });
});

describe('enrollment codes and revocation', () => {
  it('a code works once', async () => {
    const { code } = await setup.hq.admin.createEnrollmentCode('GZ03', false);
    const first = await enrollWith(code);
    expect(first.branchCode).toBe('GZ03');
    expect((await refusal(enrollWith(code))).code).toBe('CODE_USED');
  });

  it('a code is used only for what it was issued for, and a refusal leaves it valid', async () => {
    const normal = await setup.hq.admin.createEnrollmentCode('GZ03', false);
    const forRestore = await setup.hq.admin.createEnrollmentCode('GZ03', true);
    expect((await refusal(enrollWith(normal.code, setup.hq, { restore: true }))).code).toBe(
      'CODE_NOT_FOR_RESTORE',
    );
    expect((await refusal(enrollWith(forRestore.code, setup.hq, { restore: false }))).code).toBe(
      'CODE_ONLY_FOR_RESTORE',
    );
    expect((await enrollWith(normal.code, setup.hq, { restore: false })).restore).toBe(false);
    expect((await enrollWith(forRestore.code, setup.hq, { restore: true })).restore).toBe(true);
  });

  it('a code for another branch is refused before it is spent: no installation, the code still valid', async () => {
    const { code } = await setup.hq.admin.createEnrollmentCode('GZ04', false);
    const before = await installationsOf('GZ04');
    expect((await refusal(enrollWith(code, setup.hq, { branchCode: 'SZ01' }))).code).toBe(
      'CODE_FOR_OTHER_BRANCH',
    );
    expect(await installationsOf('GZ04')).toEqual(before);
    expect((await enrollWith(code, setup.hq, { branchCode: 'GZ04' })).branchCode).toBe('GZ04');
  });

  it('a terminal code another active PC of the branch has is refused; a revoked PC’s is free again', async () => {
    const first = await setup.hq.admin.createEnrollmentCode('GZ05', false);
    const t1 = await enrollWithCode(setup.hq, first.code, { branchCode: 'GZ05', terminalCode: 'T1' });
    const second = await setup.hq.admin.createEnrollmentCode('GZ05', false);
    const attempt = { branchCode: 'GZ05', terminalCode: 'T1' };
    expect((await refusal(enrollWith(second.code, setup.hq, attempt))).code).toBe('TERMINAL_TAKEN');
    expect(await installationsOf('GZ05')).toEqual([t1.id]);
    // Another branch's T1 and this branch's T2 are no clash.
    const elsewhere = await setup.hq.admin.createEnrollmentCode('GZ06', false);
    await enrollWith(elsewhere.code, setup.hq, { branchCode: 'GZ06', terminalCode: 'T1' });
    // The lost PC revoked, its replacement takes its terminal code with the same, unspent code.
    await setup.hq.admin.revoke(t1.id);
    expect((await enrollWith(second.code, setup.hq, attempt)).branchCode).toBe('GZ05');
    expect(await installationsOf('GZ05')).toHaveLength(2);
  });

  it('an expired code is refused', async () => {
    let clock = Date.now();
    const timed = await startTestHq(setup.postgres, { now: () => clock });
    try {
      const { code } = await timed.admin.createEnrollmentCode('GZ03', false);
      clock += 25 * 3600 * 1000;
      expect((await refusal(enrollWith(code, timed))).code).toBe('CODE_EXPIRED');
    } finally {
      await timed.close();
    }
  }, 60_000);

  it('a revoked installation can neither push nor pull', async () => {
    const branch = await enrollFake(setup.hq, 'BJ01');
    await client.push(await batchOf(branch, nextEvents(branch, 1)));
    await setup.hq.admin.revoke(branch.id);
    expect((await refusal(client.push(await batchOf(branch, nextEvents(branch, 1))))).code).toBe('REVOKED');
    expect((await refusal(client.pull(await pullOf(branch)))).code).toBe('REVOKED');
    expect(await heldEvents(branch.id)).toBe(1);
    const [row] = await setup.hq.db.select().from(installations).where(eq(installations.id, branch.id));
    expect(row!.revokedAt).not.toBeNull();
  });

  it('a client pinned to another fingerprint does not talk to this HQ', async () => {
    const wrong = hqClient({ url: setup.hq.url, fingerprint: 'AB:'.repeat(31) + 'AB' });
    const error = await wrong.pull(await pullOf(await enrollFake(setup.hq, 'BJ01'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('fingerprintMismatch');
  });
});

describe('pull', () => {
  it('gives an installation its branch colleagues’ events, not its own nor other branches’', async () => {
    const a = await enrollFake(setup.hq, 'CD04');
    const b = await enrollFake(setup.hq, 'CD04');
    const elsewhere = await enrollFake(setup.hq, 'XA05');
    await client.push(await batchOf(a, nextEvents(a, 4)));
    await client.push(await batchOf(b, nextEvents(b, 2)));
    await client.push(await batchOf(elsewhere, nextEvents(elsewhere, 3)));
    const first = await client.pull(await pullOf(b, '0', 3));
    expect(first.events.map((e) => [e.installationId, e.seq])).toEqual([
      [a.id, 1],
      [a.id, 2],
      [a.id, 3],
    ]);
    expect(first.hasMore).toBe(true);
    const rest = await client.pull(await pullOf(b, first.cursor, 3));
    expect(rest.events.map((e) => e.seq)).toEqual([4]);
    expect(rest.hasMore).toBe(false);
    expect(rest.receipt.body.seq).toBe(2);
  });
});

async function enrollWith(
  code: string,
  target: TestHq = setup.hq,
  options: Parameters<typeof enrollWithCode>[2] = {},
) {
  return (await enrollWithCode(target, code, options)).enrollment;
}
