import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openArchive, type ArchiveDb } from '../../db/open';
import { getCaseRowById } from '../../db/repos/cases/cases.repo';
import { getInstallationId, verifyChains } from '../../db/repos/history.repo';
import { setMeta } from '../../db/repos/meta.repo';
import { updateCase } from '../../main/services/cases/edit.service';
import { transitionCase } from '../../main/services/cases/lifecycle.service';
import { registerCase } from '../../main/services/cases/register.service';
import { seedArchive } from '../../main/services/seed/seed-archive';
import { projectionDigest } from '../../main/services/sync/projection-digest';
import { checkAgainstLastReceipt } from '../../main/services/sync/transport/receipts';
import { syncNow, syncStatus } from '../../main/services/sync/transport/sync-run';
import { localDate } from '../../shared/domain/deadlines';
import type { PublishReference } from '../../shared/sync/reference-data';
import { userIdFor, type ArchiveFixture } from '../helpers/archive-fixture';
import { registration } from '../helpers/case-inputs';
import { useCrashChild } from '../helpers/crash-child';
import { hqCasesDigest, hqChains, pcCasesDigest, pcChains } from '../helpers/hq-canonical';
import { useHqWithPcs } from '../helpers/hq-enrolled-pcs';

/**
 * A branch PC back after days offline, killed with SIGKILL while its sync runs on the catch-up's
 * thread (catch-up/sync-by-size.ts): mid-push (its backlog of own events, batch by batch) and
 * mid-apply (the others' events, step by step). After each kill the archive is sound, every chain
 * verifies with no event missing or doubled, and the kept receipt matches the chain; synced again,
 * the PC ends with the same cases as a peer PC and as HQ's projection, and HQ holds every event of
 * every chain exactly once. Real HQ (PostgreSQL, HTTPS), real archives, a real child process.
 */
const child = useCrashChild(path.join(path.dirname(fileURLToPath(import.meta.url)), 'catch-up-child.ts'), {
  workers: ['main/services/sync/catch-up/catch-up-worker.ts'],
});
const { hq, enrolledPc } = useHqWithPcs('catch-up-crash');

/** Kills wanted in each phase, and the most runs tried to get them. */
const PUSH_KILLS = 1;
const APPLY_KILLS = 3;
const MAX_RUNS = 9;

/** Thirty days of offline work: a few hundred cases with their whole histories. */
function offlineWork(pc: ArchiveFixture, count: number, seed: number): void {
  const to = localDate(pc.clock.now(), pc.clock.timeZone);
  seedArchive(pc.db, {
    count,
    seed,
    from: localDate(pc.clock.now() - 30 * 86_400_000, pc.clock.timeZone),
    to,
    notAfter: pc.clock.now(),
    branches: ['BJ01'],
    actorUserId: userIdFor('admin'),
  });
}

/** Cases all three PCs hold before they part, then each PC's changes to them while apart. */
function workShared(pc: ArchiveFixture, ids: string[], product: string, accept: boolean): void {
  for (const [i, id] of ids.entries()) {
    const row = getCaseRowById(pc.db, id)!;
    if (i % 2 === 0) updateCase(pc.ctx('clerk'), id, row.version, { productName: `${product} ${i}` });
    else if (accept) transitionCase(pc.ctx('supervisor'), id, row.version, { action: 'accept' });
    else
      transitionCase(pc.ctx('supervisor'), id, row.version, { action: 'reject', reason: '不属于受理范围' });
  }
}

const REFERENCE: PublishReference = {
  branchCode: null,
  items: [
    { kind: 'holidays', data: { set: [{ date: '2027-01-01', name: '元旦', isWorkday: false }], remove: [] } },
    { kind: 'deadlines', data: { calendarMode: 'working' } },
  ],
};
/** `reference.applied` events in a PC's own chain: one for each item head office published. */
const ownReferenceEvents = (db: ArchiveDb) =>
  db.$client
    .prepare("SELECT count(*) FROM history_events WHERE type = 'reference.applied' AND installation_id = ?")
    .pluck()
    .get(getInstallationId(db)) as number;

const heldOf = (db: ArchiveDb, installationId: string) => pcChains(db).get(installationId)?.count ?? 0;

/** What must hold after any kill: a sound file, whole chains, each event once, the receipt on the chain. */
async function expectSound(db: ArchiveDb): Promise<void> {
  expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(verifyChains(db)).toEqual([]);
  for (const chain of pcChains(db).values()) expect(chain.count).toBe(chain.head);
  const check = await checkAgainstLastReceipt(db);
  expect(['ok', 'none']).toContain(check.status);
  const status = syncStatus(db);
  if (check.status === 'ok') expect(status.ackedSeq).toBeLessThanOrEqual(check.seq);
  // HQ never acknowledged more than it holds, and holds no more than the chain has.
  const atHq = (await hqChains(hq())).get(status.installationId);
  expect(status.ackedSeq).toBeLessThanOrEqual(atHq?.head ?? 0);
  expect(atHq?.head ?? 0).toBeLessThanOrEqual(status.ownHeadSeq);
}

/** Where a kill landed; `reference`: mid-apply of the page that brought head office's items, after them. */
type Kill = 'push' | 'reference' | 'apply' | 'between' | 'synced';
interface Backlog {
  victimId: string;
  others: string[];
  ownHead: number;
  toPull: number;
}

/** One run of the child's sync, killed mid-push or mid-apply; checks the archive and says where the kill landed. */
async function killOnce(
  archive: { file: string; key: Buffer },
  run: number,
  backlog: Backlog,
): Promise<Kill> {
  const before = openArchive({ ...archive, mode: 'open' });
  const pushing = syncStatus(before).ackedSeq < backlog.ownHead;
  const pulledBefore = backlog.others.reduce((sum, id) => sum + heldOf(before, id), 0);
  const referenceBefore = ownReferenceEvents(before);
  before.$client.close();
  // The first run is killed just after a receipt moved (a batch stored at HQ: the next one in
  // flight); the others after a chosen number of the thread's steps (its first pull page, which
  // brings head office's reference data, or a later one).
  const steps = 1 + (run % 4);
  const isDue =
    run === 0
      ? (out: string) => /acked [1-9]/.test(out) || out.includes('synced\n')
      : (out: string) => out.split('step\n').length > steps || out.includes('synced\n');
  const delay = Math.floor(Math.random() * (run === 0 ? 10 : 15));
  const lines = await child.runAndKill(archive, [], delay, isDue);
  const db = openArchive({ ...archive, mode: 'open' });
  try {
    await expectSound(db);
    if (lines.includes('synced')) return 'synced';
    const atHq = (await hqChains(hq())).get(backlog.victimId)?.head ?? 0;
    if (pushing && (atHq < backlog.ownHead || syncStatus(db).ackedSeq < atHq)) return 'push';
    const pulled = backlog.others.reduce((sum, id) => sum + heldOf(db, id), 0);
    if (pulled >= backlog.toPull) return 'between';
    if (referenceBefore === 0 && ownReferenceEvents(db) > 0) return 'reference';
    return pulled > pulledBefore ? 'apply' : 'between';
  } finally {
    db.$client.close();
  }
}

describe('a PC killed while its backlog syncs on the catch-up thread', () => {
  it('loses nothing, applies nothing twice and ends equal to its peer and to HQ', async () => {
    const pcA = await enrolledPc('pc-a', false);
    const victim = await enrolledPc('pc-v', false);
    const peer = await enrolledPc('pc-p', false);
    setMeta(victim.db, 'terminal_code', 'T2');
    setMeta(peer.db, 'terminal_code', 'T3');
    const shared = Array.from(
      { length: 12 },
      (_, i) => registerCase(pcA.ctx('clerk'), registration({ request: `共同处理第 ${i} 件` })).id,
    );
    for (const pc of [pcA, victim, peer]) await syncNow(pc.db, Date.now());

    // Apart: both PCs change the shared cases (same fields, clashing transitions) and pile up work.
    workShared(pcA, shared, '金卡', true);
    workShared(victim, shared, '借记卡', false);
    workShared(peer, shared.slice(0, 4), '理财产品A', true);
    offlineWork(pcA, 260, 31);
    offlineWork(victim, 330, 32);
    registerCase(peer.ctx('clerk'), registration({ request: '另一台电脑登记' }));
    // Head office publishes meanwhile: the victim's first pull page brings it with the events.
    await hq().admin.publishReference(REFERENCE);
    await syncNow(pcA.db, Date.now());
    await syncNow(peer.db, Date.now());

    const victimId = getInstallationId(victim.db);
    const others = [getInstallationId(pcA.db), getInstallationId(peer.db)];
    const toPull = others.reduce((sum, id) => sum + heldOf(peer.db, id), 0);
    const { file, key } = victim;
    const ownHead = syncStatus(victim.db).ownHeadSeq;
    expect(ownHead).toBeGreaterThan(2_000); // on the thread, and still after a first batch stored
    victim.close();

    const kills: Kill[] = [];
    const count = (kind: Kill) => kills.filter((k) => k === kind).length;
    const midApply = () => count('apply') + count('reference');
    for (let run = 0; run < MAX_RUNS && (count('push') < PUSH_KILLS || midApply() < APPLY_KILLS); run++) {
      const kill = await killOnce({ file, key }, run, { victimId, others, ownHead, toPull });
      kills.push(kill);
      if (kill === 'synced' && count('push') > 0) break; // nothing left to interrupt
    }
    // Kills landed mid-push (a batch stored at HQ, the rest or the receipt not) and mid-apply.
    expect(count('push')).toBeGreaterThanOrEqual(1);
    expect(midApply()).toBeGreaterThanOrEqual(2);
    // One landed after head office's items and before the rest of their page: pulled again, the
    // items must not be applied again (they were, before applyPullPage moved their version with them).
    expect(count('reference')).toBe(1);
    // Back for good: the sync finishes, then the others take the victim's backlog.
    const db = openArchive({ file, key, mode: 'open' });
    try {
      // Two rounds: pcA's first brings it head office's items, which the others take at the second.
      for (let round = 0; round < 2; round++) {
        for (const pc of [db, peer.db, pcA.db]) await syncNow(pc, Date.now());
      }
      await expectSound(db);
      const atHq = await hqChains(hq());
      for (const pc of [db, peer.db, pcA.db]) {
        expect(pcChains(pc)).toEqual(atHq);
        expect(syncStatus(pc).ackedSeq).toBe(syncStatus(pc).ownHeadSeq);
        expect((await checkAgainstLastReceipt(pc)).status).toBe('ok');
      }
      // Its backlog, then head office's items, each applied (a service's event and `reference.applied`) once.
      const head = ownHead + 2 * REFERENCE.items.length;
      expect(atHq.get(victimId)).toEqual({ count: head, head });
      // Head office's items were applied once on each PC, however often a kill made it pull them again.
      for (const pc of [db, peer.db, pcA.db]) expect(ownReferenceEvents(pc)).toBe(REFERENCE.items.length);
      expect(projectionDigest(db)).toBe(projectionDigest(peer.db));
      expect(projectionDigest(pcA.db)).toBe(projectionDigest(peer.db));
      expect(pcCasesDigest(db)).toBe(await hqCasesDigest(hq(), 'BJ01'));
      // The clashing transitions were really applied apart: the fold flagged them.
      expect(db.$client.prepare('SELECT count(*) FROM case_conflicts').pluck().get()).toBeGreaterThan(0);
    } finally {
      db.$client.close();
    }
    console.info(`catch-up crash: kills ${kills.join(', ')}`);
  }, 300_000);
});
