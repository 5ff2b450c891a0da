import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { hqClient } from '../../../main/services/sync/transport/hq-client';
import { moveRedactionEpoch } from '../../../hq/ingest/pushed-events';
import type { SyncEvent } from '../../../shared/sync/protocol';
import { useTestHq } from '../../helpers/hq-postgres';
import { batchOf, enrollFake, nextEvents, pullOf, type FakeInstallation } from '../../helpers/sync-fixtures';

/**
 * HQ reads an installation's next pull page while the branch applies the one it was sent
 * (hq/ingest/pull-read-ahead.ts). The branch must get exactly what a read at its request gives:
 * the same pages, and never a payload a disposal's redaction changed in between.
 */
const setup = useTestHq();
const REDACTED = '{"$redacted":true}';

/** A branch of its own: one installation's `events` pushed, another to pull them. */
async function branchWith(
  branchCode: string,
  events: number,
): Promise<{ sent: SyncEvent[]; puller: FakeInstallation }> {
  const { hq } = setup;
  const sender = await enrollFake(hq, branchCode);
  const sent = nextEvents(sender, events);
  await hqClient(hq.endpoint).push(await batchOf(sender, sent));
  return { sent, puller: await enrollFake(hq, branchCode) };
}

/** A disposal's redaction as HQ makes it: payloads changed, then the epoch moved, in one transaction. */
function redaction(event: SyncEvent) {
  return async (tx: Parameters<Parameters<typeof setup.hq.db.transaction>[0]>[0]) => {
    await tx.execute(sql`UPDATE events SET payload = ${REDACTED} WHERE id = ${event.id}`);
    await moveRedactionEpoch(tx);
  };
}

const counts = () => ({ ...setup.hq.readAhead.counts });

describe('pull pages read ahead', () => {
  it('serves each next page from its read ahead, the same events as read at the request', async () => {
    const { sent, puller } = await branchWith('GZ07', 7);
    const client = hqClient(setup.hq.endpoint);
    const before = counts();
    const pages: string[][] = [];
    let cursor = '0';
    for (let more = true; more;) {
      const page = await client.pull(await pullOf(puller, cursor, 2));
      pages.push(page.events.map((e) => e.id));
      ({ cursor, hasMore: more } = page);
      await setup.hq.readAhead.settled();
    }
    expect(pages).toEqual([0, 2, 4, 6].map((i) => sent.slice(i, i + 2).map((e) => e.id)));
    // Pages 2 and 3 were ready; the last one (not full, more may arrive) is read at its request.
    expect(counts()).toEqual({ served: before.served + 2, dropped: before.dropped + 1 });
  });

  it('drops a page read ahead when a redaction came after it', async () => {
    const { sent, puller } = await branchWith('GZ08', 5);
    const client = hqClient(setup.hq.endpoint);
    const first = await client.pull(await pullOf(puller, '0', 2));
    await setup.hq.readAhead.settled();
    const before = counts();
    await setup.hq.db.transaction(redaction(sent[2]!));
    const second = await client.pull(await pullOf(puller, first.cursor, 2));
    expect(second.events.map((e) => e.payload)).toEqual([REDACTED, sent[3]!.payload]);
    expect(counts().dropped).toBe(before.dropped + 1);
  });

  it('waits for a redaction under way, then reads what it left', async () => {
    const { sent, puller } = await branchWith('GZ09', 5);
    const client = hqClient(setup.hq.endpoint);
    let commit = () => undefined as void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    let redacted = () => undefined as void;
    const changed = new Promise<void>((resolve) => (redacted = resolve));
    const redacting = setup.hq.db.transaction(async (tx) => {
      await redaction(sent[2]!)(tx);
      redacted();
      await committed; // still open: its payload and epoch are not committed yet
    });
    await changed;
    const first = await client.pull(await pullOf(puller, '0', 2));
    // The read ahead of page 2 waits for the redaction's lock.
    await expect.poll(() => advisoryWaits(), { timeout: 10_000 }).toBe(1);
    commit();
    await redacting;
    const before = counts();
    const second = await client.pull(await pullOf(puller, first.cursor, 2));
    expect(second.events.map((e) => e.payload)).toEqual([REDACTED, sent[3]!.payload]);
    expect(counts().served).toBe(before.served + 1);
  });
});

async function advisoryWaits(): Promise<number> {
  const { rows } = await setup.hq.db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
  );
  return rows[0]!.n;
}
