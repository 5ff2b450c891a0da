import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { hqCases } from '../../hq/db/schema';
import { foldCase } from '../../shared/sync/case-fold';
import type { SyncEvent } from '../../shared/sync/protocol';
import { hqClient } from '../../main/services/sync/transport/hq-client';
import { useTestHq } from '../helpers/hq-postgres';
import { batchOf, enrollFake, nextEvents, type FakeInstallation } from '../helpers/sync-fixtures';

/**
 * HQ's `cases` projection is folded batch by batch (onto the row it holds when the new events come
 * last, from all held events otherwise); whatever the path, the row must be the fold of every event
 * HQ holds for the case, as every branch computes it.
 */
const setup = useTestHq();
let client: ReturnType<typeof hqClient>;
const pushed: SyncEvent[] = [];

beforeAll(() => {
  client = hqClient(setup.hq.endpoint);
});

type Made = { caseId: string | null; type: string; payload: unknown };

const created = (caseId: string, extra: Record<string, unknown> = {}): Made => ({
  caseId,
  type: 'case.registered',
  payload: {
    columns: {
      id: caseId,
      caseNo: `BJ01-T1-20261123-${caseId.slice(0, 4)}`,
      branchCode: 'BJ01',
      status: 'registered',
      productName: '白金信用卡',
      receivedDate: '2026-11-23',
      ...extra,
    },
  },
});
const edited = (caseId: string, set: Record<string, unknown>): Made => ({
  caseId,
  type: 'case.edited',
  payload: { set },
});
const transition = (caseId: string, action: string, from: string, to: string): Made => ({
  caseId,
  type: `case.${action}`,
  payload: { action, changes: { status: { before: from, after: to } } },
});

async function push(installation: FakeInstallation, made: Made[]): Promise<void> {
  const first = installation.head.seq + 1;
  const events = nextEvents(installation, made.length, (seq) => made[seq - first]!);
  pushed.push(...events);
  await client.push(await batchOf(installation, events));
}

async function expectFoldOfAllEvents(caseId: string): Promise<Record<string, unknown>> {
  expect(await setup.hq.projector.settle()).toBe(true);
  const [row] = await setup.hq.db.select().from(hqCases).where(eq(hqCases.id, caseId));
  const folded = foldCase(
    pushed
      .filter((event) => event.caseId === caseId)
      .map((event) => ({ ...event, hlc: event.hlc ?? '', payload: JSON.parse(event.payload) as unknown })),
  );
  expect(row?.data).toEqual({ ...folded.columns, conflicts: folded.conflicts.length });
  return row!.data as Record<string, unknown>;
}

describe('HQ case projection', () => {
  it('folds later batches onto the row it holds', async () => {
    const pc1 = await enrollFake(setup.hq, 'BJ01');
    const caseId = crypto.randomUUID();
    await push(pc1, [created(caseId), edited(caseId, { productName: '金卡' })]);
    await push(pc1, [
      transition(caseId, 'accept', 'registered', 'accepted'),
      edited(caseId, { priority: 'major' }),
    ]);
    const data = await expectFoldOfAllEvents(caseId);
    expect(data).toMatchObject({ status: 'accepted', productName: '金卡', priority: 'major', conflicts: 0 });
  });

  it('refolds from every held event when a colleague’s older event arrives later', async () => {
    const pc1 = await enrollFake(setup.hq, 'BJ01');
    const pc2 = await enrollFake(setup.hq, 'BJ01');
    const caseId = crypto.randomUUID();
    await push(pc1, [created(caseId)]);
    // pc2 worked offline: its stamps (from seq 1) come before pc1's later ones.
    await push(pc1, [
      edited(caseId, { productName: '金卡' }),
      edited(caseId, { productName: '普卡' }),
      edited(caseId, { productName: '钻石卡' }),
    ]);
    await push(pc2, [edited(caseId, { productName: '被覆盖' }), edited(caseId, { facts: '补充' })]);
    const data = await expectFoldOfAllEvents(caseId);
    expect(data).toMatchObject({ productName: '钻石卡', facts: '补充' });
  });

  it('a case whose changes arrive before its creating event gets its row once the creation arrives', async () => {
    const pc1 = await enrollFake(setup.hq, 'BJ01');
    const pc2 = await enrollFake(setup.hq, 'BJ01');
    const caseId = crypto.randomUUID();
    // pc2's creation is stamped first (seq 1) but pushed last.
    const creation = nextEvents(pc2, 1, () => created(caseId));
    await push(pc1, [{ caseId: null, type: 'audit.test', payload: { n: 1 } }]);
    await push(pc1, [edited(caseId, { productName: '金卡' })]);
    await push(pc1, [edited(caseId, { priority: 'major' })]);
    expect(await setup.hq.projector.settle()).toBe(true);
    expect(await setup.hq.db.select().from(hqCases).where(eq(hqCases.id, caseId))).toEqual([]);
    pushed.push(...creation);
    await client.push(await batchOf(pc2, creation));
    const data = await expectFoldOfAllEvents(caseId);
    expect(data).toMatchObject({ productName: '金卡', priority: 'major' });
  });

  it('keeps counting an open conflict through later batches', async () => {
    const pc1 = await enrollFake(setup.hq, 'BJ01');
    const caseId = crypto.randomUUID();
    await push(pc1, [created(caseId), transition(caseId, 'accept', 'registered', 'accepted')]);
    await push(pc1, [transition(caseId, 'reject', 'registered', 'rejected')]);
    expect(await expectFoldOfAllEvents(caseId)).toMatchObject({ status: 'accepted', conflicts: 1 });
    await push(pc1, [edited(caseId, { priority: 'major' })]);
    expect(await expectFoldOfAllEvents(caseId)).toMatchObject({ priority: 'major', conflicts: 1 });
  });
});
