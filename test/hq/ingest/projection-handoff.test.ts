import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { hqCases } from '../../../hq/db/schema';
import { CaseProjector } from '../../../hq/ingest/case-projector';
import {
  MAX_CACHE_PAYLOAD_CHARS,
  moveRedactionEpoch,
  PushedEvents,
  type StoredBatch,
} from '../../../hq/ingest/pushed-events';
import type { SyncEvent } from '../../../shared/sync/protocol';
import { hqClient } from '../../../main/services/sync/transport/hq-client';
import { useTestHq } from '../../helpers/hq-postgres';
import { batchOf, enrollFake, nextEvents, type FakeInstallation } from '../../helpers/sync-fixtures';

/**
 * A push hands its stored events to the background projector in memory (hq/ingest/pushed-events.ts),
 * which then projects them without reading them back from PostgreSQL; what memory does not hold
 * (a restart, a full queue, events redacted since) is read back. To tell the two apart, the tests
 * change a stored payload in PostgreSQL behind HQ's back: a value projected from memory is the
 * pushed one, a value read back is the changed one.
 */
// Projection only when a test settles; 4 events held at most.
const setup = useTestHq({ env: { HQ_PROJECTION_DELAY_MS: '600000', HQ_PROJECTION_CACHE_EVENTS: '4' } });

type Made = { caseId: string | null; type: string; payload: unknown };
const created = (caseId: string, productName: string): Made => ({
  caseId,
  type: 'case.registered',
  payload: {
    columns: {
      id: caseId,
      caseNo: `HO01-T1-20261206-${caseId.slice(0, 4)}`,
      status: 'registered',
      productName,
      receivedDate: '2026-12-06',
    },
  },
});
const edited = (caseId: string, set: Record<string, unknown>): Made => ({
  caseId,
  type: 'case.edited',
  payload: { set },
});
const filler: Made = { caseId: null, type: 'audit.test', payload: { n: 1 } };

async function push(installation: FakeInstallation, made: Made[]): Promise<void> {
  const first = installation.head.seq + 1;
  const events = nextEvents(installation, made.length, (seq) => made[seq - first]!);
  await hqClient(setup.hq.endpoint).push(await batchOf(installation, events));
}

/** Changes the stored payloads behind HQ's back: `from` becomes `to` in PostgreSQL only. */
async function changeStored(from: string, to: string): Promise<void> {
  await setup.hq.db.execute(sql`UPDATE events SET payload = replace(payload, ${from}, ${to})`);
}

async function caseData(caseId: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await setup.hq.db.select().from(hqCases).where(eq(hqCases.id, caseId));
  return row?.data as Record<string, unknown> | undefined;
}

describe('pushed events handed to the projector in memory', () => {
  it('projects them without reading them back; a restart reads back what was left', async () => {
    const pc = await enrollFake(setup.hq, 'HA01');
    const caseId = crypto.randomUUID();
    await push(pc, [created(caseId, '甲卡'), edited(caseId, { facts: '原事实' })]);
    expect(setup.hq.projector.heldEvents).toBe(2);
    await changeStored('甲卡', '读回甲卡');
    expect(await setup.hq.projector.settle()).toBe(true);
    expect(await caseData(caseId)).toMatchObject({ productName: '甲卡', facts: '原事实' });
    expect(setup.hq.projector.heldEvents).toBe(0);

    // A restarted HQ holds nothing in memory: the branch's events come back from PostgreSQL.
    await setup.hq.db.execute(sql`DELETE FROM cases WHERE id = ${caseId}`);
    await setup.hq.db.execute(
      sql`UPDATE projection_cursors SET projected_ingest_id = 0 WHERE branch_code = 'HA01'`,
    );
    const restarted = new CaseProjector(setup.hq.db, { now: Date.now, delayMs: 600_000 });
    try {
      expect(await restarted.settle()).toBe(true);
    } finally {
      await restarted.stop();
    }
    expect(await caseData(caseId)).toMatchObject({ productName: '读回甲卡', facts: '原事实' });
  });

  it('reads back a batch the full queue left out, and the held ones around it from memory', async () => {
    const pc = await enrollFake(setup.hq, 'HB01');
    const [one, two, three] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await push(pc, [created(one, '乙一卡')]); // held (1 of 4)
    await push(pc, [created(two, '乙二卡'), filler, filler, filler]); // 5 > 4: left out
    await push(pc, [created(three, '乙三卡')]); // held (2 of 4)
    expect(setup.hq.projector.heldEvents).toBe(2);
    await changeStored('乙', '读回');
    expect(await setup.hq.projector.settle()).toBe(true);
    expect(await caseData(one)).toMatchObject({ productName: '乙一卡' });
    expect(await caseData(two)).toMatchObject({ productName: '读回二卡' });
    expect(await caseData(three)).toMatchObject({ productName: '乙三卡' });
    expect(setup.hq.projector.heldEvents).toBe(0);
  });

  it('drops what it holds once a redaction moved the epoch, and reads the stored payloads', async () => {
    const pc = await enrollFake(setup.hq, 'HC01');
    const caseId = crypto.randomUUID();
    await push(pc, [created(caseId, '丙卡')]);
    expect(setup.hq.projector.heldEvents).toBe(1);
    await changeStored('丙卡', '已抹去');
    await setup.hq.db.transaction((tx) => moveRedactionEpoch(tx));
    expect(await setup.hq.projector.settle()).toBe(true);
    expect(await caseData(caseId)).toMatchObject({ productName: '已抹去' });
    expect(setup.hq.projector.heldEvents).toBe(0);
  });

  it('a second projector (another HQ process) projecting first leaves nothing to project twice', async () => {
    const pc = await enrollFake(setup.hq, 'HD01');
    const caseId = crypto.randomUUID();
    await push(pc, [created(caseId, '丁卡'), edited(caseId, { facts: '丁事实' })]);
    await changeStored('丁事实', '读回丁事实');
    const other = new CaseProjector(setup.hq.db, { now: Date.now, delayMs: 600_000 });
    try {
      expect(await other.settle()).toBe(true);
    } finally {
      await other.stop();
    }
    expect(setup.hq.projector.heldEvents).toBe(2);
    await setup.hq.db.execute(sql`UPDATE cases SET data = data || '{"facts":"已投影"}' WHERE id = ${caseId}`);
    expect(await setup.hq.projector.settle()).toBe(true);
    expect(setup.hq.projector.heldEvents).toBe(0); // passed by the cursor: dropped, not projected again
    expect(await caseData(caseId)).toMatchObject({ productName: '丁卡', facts: '已投影' });
  });
});

describe('PushedEvents (the in-memory queue)', () => {
  const events = (n: number, payload = '{}') => Array.from({ length: n }, () => ({ payload }) as SyncEvent);
  const batch = (after: number, last: number, epoch = 0, branchCode = 'BJ01'): StoredBatch => ({
    branchCode,
    after,
    last,
    epoch,
    events: events(last - after),
  });

  it('gives consecutive batches after the cursor, up to the page limit', () => {
    const queue = new PushedEvents(100);
    queue.add(batch(10, 13));
    queue.add(batch(13, 15));
    queue.add(batch(15, 20));
    expect(queue.page('BJ01', 10, 0, 6)).toMatchObject({ kind: 'memory', last: 15 });
    expect(queue.page('BJ01', 15, 0, 6)).toMatchObject({ kind: 'memory', last: 20 });
    expect(queue.page('BJ01', 20, 0, 6)).toEqual({ kind: 'read', upTo: null });
    expect(queue.size).toBe(0);
  });

  it('reads back a gap up to the next held batch, and through a batch a read-back page ended in', () => {
    const queue = new PushedEvents(100);
    queue.add(batch(20, 25));
    queue.add(batch(12, 15)); // handed over late: still in ingest order
    expect(queue.page('BJ01', 10, 0, 100)).toEqual({ kind: 'read', upTo: 12 });
    expect(queue.page('BJ01', 12, 0, 100)).toMatchObject({ kind: 'memory', last: 15 });
    expect(queue.page('BJ01', 15, 0, 100)).toEqual({ kind: 'read', upTo: 20 });
    expect(queue.page('BJ01', 22, 0, 100)).toEqual({ kind: 'read', upTo: 25 });
    expect(queue.page('BJ01', 25, 0, 100)).toEqual({ kind: 'read', upTo: null });
  });

  it('holds no more than its bound, and nothing from before the epoch it was asked at', () => {
    const queue = new PushedEvents(5);
    expect(queue.add(batch(0, 4))).toBe(true);
    expect(queue.add(batch(4, 6))).toBe(false);
    expect(queue.add(batch(0, 1, 0, 'SH01'))).toBe(true);
    expect(queue.size).toBe(5);
    expect(queue.page('BJ01', 0, 1, 100)).toEqual({ kind: 'read', upTo: null });
    expect(queue.size).toBe(0);
    expect(queue.add(batch(4, 6, 0))).toBe(false); // stored before the redaction: never held
  });

  it('holds no more payload text than its bound, whatever the number of events', () => {
    const queue = new PushedEvents(100);
    const large = (after: number) => ({
      ...batch(after, after + 2),
      events: events(2, 'x'.repeat(MAX_CACHE_PAYLOAD_CHARS / 4)),
    });
    expect(queue.add(large(0))).toBe(true);
    expect(queue.add(large(2))).toBe(true);
    expect(queue.add(large(4))).toBe(false);
    expect(queue.page('BJ01', 4, 0, 100)).toEqual({ kind: 'read', upTo: null });
    expect(queue.add(large(4))).toBe(true); // room again once the projected ones went
  });
});
