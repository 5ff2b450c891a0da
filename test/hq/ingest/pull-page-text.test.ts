import crypto from 'node:crypto';
import { and, asc, eq, gt, ne } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addAttachment } from '../../../main/services/cases/attachments.service';
import { registerCase, transitionCase } from '../../../main/services/cases';
import { approveDisposal, proposeDisposal } from '../../../main/services/retention/disposal.service';
import { hqClient } from '../../../main/services/sync/transport/hq-client';
import { syncNow } from '../../../main/services/sync/transport/sync-run';
import { events, installations } from '../../../hq/db/schema';
import type { HqDb } from '../../../hq/db/open';
import { pullPageParts, pullPageText } from '../../../hq/ingest/pull.service';
import { pullResponseSchema, type SyncEvent } from '../../../shared/sync/protocol';
import { canonicalJson } from '../../../shared/canonical-json';
import { hashHolds } from '../../../shared/sync/event-chain';
import { registration } from '../../helpers/case-inputs';
import { useHqWithPcs } from '../../helpers/hq-enrolled-pcs';
import { batchOf, enrollFake, hashOf, pullOf, type FakeInstallation } from '../../helpers/sync-fixtures';
import { CLOSED_AT } from '../../services/retention/retention-fixture';

/**
 * HQ writes a pull page's events out itself (hq/ingest/pull-events.ts) instead of JSON.stringify
 * over row objects: the page must be, character for character, what the row objects gave —
 * redacted payloads, evidence files, events without an hlc or a case, awkward text included.
 */
const setup = useHqWithPcs('pull-page-text');
const sha256Hex = (text: string) => crypto.hash('sha256', text, 'hex');

/** What HQ served before (main at ce26b65): drizzle rows mapped to `SyncEvent`s, in ingest order. */
async function storedEventsAfter(
  db: HqDb,
  installation: { id: string; branchCode: string },
  cursor: number,
  limit: number,
): Promise<SyncEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(
      and(
        gt(events.ingestId, cursor),
        ne(events.installationId, installation.id),
        eq(events.branchCode, installation.branchCode),
      ),
    )
    .orderBy(asc(events.ingestId))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    installationId: row.installationId,
    seq: row.seq,
    caseId: row.caseId,
    type: row.type,
    actorUserId: row.actorUserId,
    at: row.at,
    payload: row.payload,
    prevHash: row.prevHash,
    hash: row.hash,
    ...(row.hlc === null ? {} : { hlc: row.hlc }),
  }));
}

/** Events no branch's canonical JSON makes: no hlc, no case or actor, raw control characters. */
function oddEvents(installation: FakeInstallation): SyncEvent[] {
  const texts = [
    '{"raw":"tab\there, newline\nthere, \u0001 and \u001f"}',
    canonicalJson({ s: '\u2028 "引号" \\ ' }),
  ];
  return texts.map((payload, index) => {
    const seq = installation.head.seq + 1;
    const body = {
      id: crypto.randomUUID(),
      installationId: installation.id,
      seq,
      caseId: index === 0 ? null : crypto.randomUUID(),
      type: index === 0 ? 'audit.note\t"x"' : 'case.note',
      actorUserId: index === 0 ? null : 'u\\1',
      at: 1_790_000_000_000 + seq,
      payload,
      prevHash: installation.head.hash,
    };
    const event = { ...body, hash: hashOf(body) };
    installation.head = { seq, hash: event.hash };
    return event;
  });
}

/** A case with an evidence file, and a case disposed of (HQ redacts its events), pushed by a real PC. */
async function pushedByPc(): Promise<{ kept: string; disposed: string }> {
  const pc = await setup.enrolledPc('pc1', false);
  pc.clock.set(CLOSED_AT - 3_600_000);
  const kept = registerCase(
    pc.ctx('clerk'),
    registration({ receivedAt: CLOSED_AT - 7_200_000, facts: '制表\t符 "引号" 反斜杠 \\ 行\u2028分隔' }),
  ).id;
  addAttachment(pc.ctx('clerk'), kept, {
    fileName: '银行流水.pdf',
    mimeType: 'application/pdf',
    data: Buffer.from('%PDF evidence'),
  });
  const disposed = registerCase(
    pc.ctx('clerk'),
    registration({ receivedAt: CLOSED_AT - 7_200_000, facts: '将被销毁的事实' }),
  ).id;
  const sup = pc.ctx('supervisor');
  pc.clock.set(CLOSED_AT);
  const rejected = transitionCase(sup, disposed, 1, { action: 'reject', reason: '不属于受理范围' });
  transitionCase(sup, disposed, rejected.record.version, { action: 'archive' });
  pc.clock.set(Date.parse('2023-06-01T02:00:00Z'));
  const batch = proposeDisposal(sup, { kind: 'retention', caseIds: [disposed] });
  approveDisposal(pc.ctx('admin'), { batchId: batch.id });
  await syncNow(pc.db, Date.now());
  return { kept, disposed };
}

describe('a pull page written out by HQ', () => {
  it('is the text JSON.stringify gave of the same rows, page after page, and a branch accepts it', async () => {
    const hq = setup.hq();
    const { kept, disposed } = await pushedByPc();
    const odd = await enrollFake(hq, 'BJ01');
    const client = hqClient(hq.endpoint);
    await client.push(await batchOf(odd, oddEvents(odd)));
    const puller = await enrollFake(hq, 'BJ01');
    const [installation] = await hq.db.select().from(installations).where(eq(installations.id, puller.id));
    const now = Date.now();

    const served: SyncEvent[] = [];
    let cursor = '0';
    for (let more = true; more;) {
      const body = { ...(await pullOf(puller, cursor, 3)).body, sentAt: now };
      const parts = await pullPageParts(hq.db, hq.identity, installation!, body, now);
      const before = await storedEventsAfter(hq.db, installation!, Number(cursor), 3);
      const text = pullPageText(parts);
      expect(text).toBe(JSON.stringify({ events: before, ...parts.rest }));
      const page = pullResponseSchema.parse(JSON.parse(text));
      served.push(...page.events);
      ({ cursor, hasMore: more } = page);
    }
    // Everything came, as stored: each event hashes to its own hash, or a disposal redacted it.
    const stored = await storedEventsAfter(hq.db, installation!, 0, 1000);
    expect(served.map((e) => e.id)).toEqual(stored.map((e) => e.id));
    for (const event of served) expect(hashHolds(event, sha256Hex)).toBe(true);
    expect(served.filter((e) => e.installationId === odd.id).map((e) => 'hlc' in e)).toEqual([false, false]);
    expect(served.some((e) => e.caseId === disposed && e.payload.includes('"$redacted"'))).toBe(true);
    expect(served.some((e) => e.payload.includes('将被销毁的事实'))).toBe(false);

    // Over HTTPS, in one page: the evidence file announced by the kept case's event comes with it.
    const whole = await client.pull(await pullOf(puller, '0', 5000));
    expect(whole.events).toEqual(served);
    expect(
      whole.attachments.map((file) => [file.caseId, Buffer.from(file.data, 'base64').toString()]),
    ).toEqual([[kept, '%PDF evidence']]);
  });
});
