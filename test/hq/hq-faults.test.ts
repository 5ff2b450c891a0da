import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { openHqDb, type HqDb } from '../../hq/db/open';
import { events } from '../../hq/db/schema';
import { hqClient } from '../../main/services/sync/transport/hq-client';
import { TransportError } from '../../main/services/sync/transport/pinned-https';
import { SyncError } from '../../shared/sync/sync-error';
import type { PushBatch } from '../../shared/sync/protocol';
import { startCuttingProxy } from '../helpers/cutting-proxy';
import { useTestHq } from '../helpers/hq-postgres';
import { useHqProcess } from '../helpers/hq-process';
import { batchOf, enrollFake, nextEvents, type FakeInstallation } from '../helpers/sync-fixtures';

/** Faults between a branch and HQ (issue 15 "Tests"): whatever happens, nothing lost, nothing applied twice. */
const setup = useTestHq();

/** HQ's copy of a chain must be exactly seq 1..n, each once, linked. */
async function expectWholeChain(db: HqDb, installation: FakeInstallation) {
  const held = await db
    .select()
    .from(events)
    .where(eq(events.installationId, installation.id))
    .orderBy(asc(events.seq));
  expect(held.map((e) => e.seq)).toEqual(Array.from({ length: installation.head.seq }, (_, i) => i + 1));
  for (let i = 1; i < held.length; i++) expect(held[i]!.prevHash).toBe(held[i - 1]!.hash);
  expect(held[held.length - 1]?.hash).toBe(installation.head.hash);
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

describe('duplicated and reordered batches', () => {
  it('are refused out of order, counted as duplicates when repeated, and end as one whole chain', async () => {
    const branch = await enrollFake(setup.hq, 'BJ01');
    const client = hqClient(setup.hq.endpoint);
    const [b1, b2, b3] = [
      await batchOf(branch, nextEvents(branch, 3)),
      await batchOf(branch, nextEvents(branch, 3)),
      await batchOf(branch, nextEvents(branch, 3)),
    ];
    expect(((await failure(client.push(b2!))) as SyncError).code).toBe('SEQ_GAP');
    const both = await Promise.all([client.push(b1!), client.push(b1!)]); // the same batch twice at once
    expect(both.map((r) => r.accepted).sort()).toEqual([0, 3]);
    expect(((await failure(client.push(b3!))) as SyncError).seq).toBe(4);
    await client.push(b2!);
    await client.push(b3!);
    expect(await client.push(b2!)).toMatchObject({ accepted: 0, duplicates: 3 });
    await expectWholeChain(setup.hq.db, branch);
  });
});

describe('the connection cut', () => {
  const target = () => ({ host: '127.0.0.1', port: setup.hq.port });

  it('mid-batch: HQ stores none of it; the resend stores all of it once', async () => {
    const branch = await enrollFake(setup.hq, 'BJ01');
    const batch = await batchOf(branch, nextEvents(branch, 500));
    const proxy = await startCuttingProxy(target(), { requestBytes: 40_000 });
    try {
      const error = await failure(
        hqClient({ url: proxy.url, fingerprint: setup.hq.identity.fingerprint }).push(batch),
      );
      expect(error).toBeInstanceOf(TransportError);
    } finally {
      await proxy.close();
    }
    expect(await setup.hq.db.select().from(events).where(eq(events.installationId, branch.id))).toHaveLength(
      0,
    );
    expect(await hqClient(setup.hq.endpoint).push(batch)).toMatchObject({ accepted: 500, duplicates: 0 });
    await expectWholeChain(setup.hq.db, branch);
  });

  it('after HQ stored the batch but before its answer arrived: the resend changes nothing', async () => {
    const branch = await enrollFake(setup.hq, 'BJ01');
    const batch = await batchOf(branch, nextEvents(branch, 200));
    // Where HQ's answer ends depends on its certificate's size: a probe push through an uncut
    // proxy measures the handshake and answer, and the cut falls 150 bytes before the end.
    const probe = await startCuttingProxy(target(), {});
    const other = await enrollFake(setup.hq, 'BJ01');
    await hqClient({ url: probe.url, fingerprint: setup.hq.identity.fingerprint }).push(
      await batchOf(other, nextEvents(other, 200)),
    );
    await probe.close();
    const proxy = await startCuttingProxy(target(), { responseBytes: probe.bytesFromTarget() - 150 });
    try {
      expect(
        await failure(hqClient({ url: proxy.url, fingerprint: setup.hq.identity.fingerprint }).push(batch)),
      ).toBeInstanceOf(TransportError);
    } finally {
      await proxy.close();
    }
    expect(await hqClient(setup.hq.endpoint).push(batch)).toMatchObject({ accepted: 0, duplicates: 200 });
    await expectWholeChain(setup.hq.db, branch);
  });
});

describe('HQ killed with SIGKILL mid-push', () => {
  const hqProcess = useHqProcess('hq-kill');

  it('loses no acknowledged batch and applies none twice after a restart', async () => {
    const databaseUrl = await setup.postgres.newDatabaseUrl();
    let running = await hqProcess.start(databaseUrl);
    const branch = await enrollFake(running, 'BJ01');
    const batches: PushBatch[] = [];
    for (let i = 0; i < 10; i++) batches.push(await batchOf(branch, nextEvents(branch, 2000)));
    const client = hqClient(running.endpoint);
    let acknowledged = 0;
    // Killed a few milliseconds into the fourth push: a fixed delay from the start let a fast HQ
    // store all ten batches before the kill.
    const pushing = (async () => {
      for (const [i, batch] of batches.entries()) {
        const sent = client.push(batch);
        if (i === 3) setTimeout(() => hqProcess.child.kill('SIGKILL'), 5);
        await sent;
        acknowledged = batch.body.events[batch.body.events.length - 1]!.seq;
      }
    })();
    expect(await failure(pushing)).toBeInstanceOf(TransportError);
    expect(acknowledged).toBeGreaterThanOrEqual(3 * 2000); // the first three were acknowledged
    running = await hqProcess.start(databaseUrl);
    // The branch resends from its last receipt; HQ says what it already held.
    const resend = hqClient(running.endpoint);
    for (const batch of batches.filter((b) => b.body.events[0]!.seq > acknowledged)) {
      const result = await resend.push(batch);
      expect(result.accepted + result.duplicates).toBe(2000);
    }
    const db = await openHqDb(databaseUrl, 2);
    try {
      await expectWholeChain(db, branch);
    } finally {
      await db.$client.end();
    }
  }, 180_000);
});
