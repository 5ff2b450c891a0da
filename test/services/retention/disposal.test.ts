import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyKey } from '../../../db/open';
import { verifyChains } from '../../../db/repos/history.repo';
import { getDashboard } from '../../../main/services/analytics/analytics.service';
import { factTableFor } from '../../../main/services/analytics/fact-cache/fact-cache';
import { getCase, listCases } from '../../../main/services/cases';
import { listAttachments } from '../../../main/services/cases/attachments.service';
import { printDisposalCertificate } from '../../../main/services/retention/disposal-certificate';
import {
  approveDisposal,
  listDisposable,
  proposeDisposal,
} from '../../../main/services/retention/disposal.service';
import { logContact } from '../../../main/services/cases/contacts.service';
import type { Dashboard } from '../../../shared/domain/analytics';
import { DESTROYED_TEXT } from '../../../shared/domain/case-shell';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';
import { pdfFonts } from '../../helpers/pdf-fonts';
import { tempDir } from '../../helpers/archive-test-utils';
import { addCreditReportingCodes, closedCase } from './retention-fixture';

/**
 * A disposal end to end on a real encrypted archive: statistics before = after, the destroyed
 * texts and bytes found nowhere in the decrypted file, the chain still verifies, the certificate.
 */
const SECRET_NAME = '欧阳秘密';
const SECRET_PHONE = '13987654321';
const SECRET_FACTS = '客户称其在柜台办理时被强制搭售理财产品绝密叙述';
const SECRET_NOTE = '电话联系欧阳女士确认退款到账';
const ATTACHMENT = Buffer.from('%PDF-1.4 attachment bytes 0xDEADBEEF-UNIQUE-MARKER-7731');

let fx: ArchiveFixture;
let dir: string;
let disposedId = '';
let keptId = '';

const FILTER = { filter: { receivedFrom: '2020-01-01', receivedTo: '2020-12-31' } };

/** The dashboard without the repeat-complaint block: repeats are found by the complainant's identity, which a disposal destroys by definition. */
function statistics(): Omit<Dashboard, 'repeats'> {
  const { repeats: _repeats, ...rest } = getDashboard(fx.ctx('analyst'), FILTER);
  return rest;
}

/** The whole archive decrypted (a copy, re-keyed to no key): every page, free ones included. */
function decryptedCopy(label: string): Buffer {
  fx.db.$client.pragma('wal_checkpoint(TRUNCATE)');
  const copy = path.join(dir, `${label}.db`);
  fs.copyFileSync(fx.file, copy);
  const client = new Database(copy);
  applyKey(client, fx.key);
  client.pragma('journal_mode = DELETE');
  client.pragma(`rekey = ''`);
  client.close();
  return fs.readFileSync(copy);
}

function contains(file: Buffer, text: string | Buffer): boolean {
  return file.includes(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
}

beforeAll(() => {
  fx = createArchiveFixture();
  dir = tempDir('redress-disposal');
  addCreditReportingCodes(fx);
  disposedId = closedCase(fx, {
    name: SECRET_NAME,
    phone: SECRET_PHONE,
    facts: SECRET_FACTS,
    attachment: ATTACHMENT,
    isResolved: true,
  });
  logContact(fx.ctx('handler'), disposedId, {
    contactDate: '2020-03-10',
    method: 'phone',
    contactedBy: '李经办',
    summary: SECRET_NOTE,
    outcome: 'informed',
  });
  closedCase(fx, { isResolved: true, phone: '13900000002' });
  keptId = closedCase(fx, { businessCode: 'B0603', phone: '13900000003', facts: '征信记录异议' });
  fx.clock.set(Date.parse('2023-06-01T02:00:00Z'));
});
afterAll(() => {
  fx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a disposal approved by a second person', () => {
  it('destroys the personal data, narratives and attachments and keeps the statistics', () => {
    factTableFor(fx.db); // the dashboard answers from the fact cache, kept fresh from events
    const before = statistics();
    expect(before.total).toBe(3);
    const plainBefore = decryptedCopy('before');
    // The check can fail: before disposal the file holds every one of them.
    for (const text of [SECRET_NAME, SECRET_PHONE, SECRET_FACTS, SECRET_NOTE])
      expect(contains(plainBefore, text)).toBe(true);
    expect(contains(plainBefore, ATTACHMENT)).toBe(true);
    expect(
      listCases(fx.ctx('supervisor'), { filter: { text: '强制搭售理财' }, sort: [], startRow: 0, endRow: 10 })
        .total,
    ).toBe(1);

    const list = listDisposable(fx.ctx('supervisor'));
    expect(list.items.map((c) => c.caseId)).toContain(disposedId);
    expect(list.items.map((c) => c.caseId)).not.toContain(keptId); // 征信: 10 years
    const batch = proposeDisposal(fx.ctx('supervisor'), { kind: 'retention', caseIds: [disposedId] });
    const done = approveDisposal(fx.ctx('admin'), { batchId: batch.id, note: '经审核同意销毁' });
    expect(done.items[0]).toMatchObject({ caseId: disposedId, attachmentCount: 1 });

    expect(statistics()).toEqual(before);
    const shell = getCase(fx.ctx('supervisor'), disposedId).record;
    expect(shell).toMatchObject({
      status: 'closed',
      classification: { channelCode: 'A01', businessCode: 'B03', causeCode: 'C01' },
      handling: { resolutionType: 'refund', resolutionAmountFen: 60_000, satisfaction: 'satisfied' },
    });
    expect(shell.complainant.name).toBe(DESTROYED_TEXT);
    expect(shell.complainant.phone ?? null).toBeNull();
    expect(shell.request).toBe(DESTROYED_TEXT);
    expect(listAttachments(fx.ctx('supervisor'), disposedId)).toEqual([]);
  });

  it('leaves no destroyed text or byte in the decrypted file, the search index or the cache', () => {
    expect(
      listCases(fx.ctx('supervisor'), { filter: { text: '强制搭售理财' }, sort: [], startRow: 0, endRow: 10 })
        .total,
    ).toBe(0);
    expect(
      listCases(fx.ctx('supervisor'), { filter: { text: SECRET_PHONE }, sort: [], startRow: 0, endRow: 10 })
        .total,
    ).toBe(0);
    const matches = fx.db.$client
      .prepare(`SELECT count(*) AS n FROM case_search WHERE case_search MATCH ?`)
      .get('"强制搭售理财"') as { n: number };
    expect(matches.n).toBe(0);
    // The fact cache numbers complainants by identity: the disposed case has none any more.
    const table = factTableFor(fx.db);
    table.refresh();
    const rowNo = (
      fx.db.$client.prepare('SELECT row_no FROM cases WHERE id = ?').get(disposedId) as { row_no: number }
    ).row_no;
    const position = table.positionOf(rowNo);
    expect(table.idGroup[position]).toBe(-1);
    expect(table.phoneGroup[position]).toBe(-1);

    const plain = decryptedCopy('after');
    for (const text of [SECRET_NAME, SECRET_PHONE, SECRET_FACTS, SECRET_NOTE, '银行流水-张三']) {
      expect(contains(plain, text), text).toBe(false);
    }
    expect(contains(plain, ATTACHMENT)).toBe(false);
    // The kept cases are untouched.
    expect(contains(plain, '征信记录异议')).toBe(true);
  });

  it('records the case number and the digest of what was destroyed, and the chain still verifies', () => {
    const event = fx.db.$client
      .prepare(`SELECT payload FROM history_events WHERE case_id = ? AND type = 'case.disposed'`)
      .get(disposedId) as { payload: string };
    const payload = JSON.parse(event.payload) as Record<string, unknown>;
    expect(payload.caseNo).toMatch(/^BJ01-T1-2020/);
    expect(payload.destroyedSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((payload.redactedEvents as unknown[]).length).toBeGreaterThan(0);
    expect(verifyChains(fx.db)).toEqual([]);
    // A redaction nobody approved is still found: rewrite an event of the kept case.
    const kept = fx.db.$client
      .prepare(`SELECT id, payload FROM history_events WHERE case_id = ? ORDER BY seq LIMIT 1`)
      .get(keptId) as { id: string; payload: string };
    const forged = JSON.stringify({ ...JSON.parse(kept.payload), $redacted: { batchId: 'x' } });
    fx.db.$client.prepare('UPDATE history_events SET payload = ? WHERE id = ?').run(forged, kept.id);
    expect(verifyChains(fx.db).map((p) => p.problem)).toEqual(['hash_mismatch']);
    // Nor does naming the real disposal batch pass for another case than the one disposed of.
    const named = { ...JSON.parse(kept.payload), $redacted: { batchId: payload.batchId } };
    fx.db.$client
      .prepare('UPDATE history_events SET payload = ? WHERE id = ?')
      .run(JSON.stringify(named), kept.id);
    expect(verifyChains(fx.db).map((p) => p.problem)).toEqual(['hash_mismatch']);
    fx.db.$client.prepare('UPDATE history_events SET payload = ? WHERE id = ?').run(kept.payload, kept.id);
  });

  it('prints the certificate listing the batch, in Chinese with the font inside', async () => {
    const batchId = (
      fx.db.$client.prepare(`SELECT id FROM disposal_batches WHERE status = 'disposed'`).get() as {
        id: string;
      }
    ).id;
    const file = path.join(dir, '销毁清单.pdf');
    const result = await printDisposalCertificate(fx.ctx('admin'), {
      batchId,
      locale: 'zh-CN',
      filePath: file,
    });
    const pdf = fs.readFileSync(file);
    expect(result.bytes).toBe(pdf.length);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const fonts = pdfFonts(pdf);
    expect(fonts.names.some((name) => name.includes('NotoSansSC'))).toBe(true);
    expect(fonts.embeddedPrograms).toBeGreaterThan(0);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const caseNo = getCase(fx.ctx('admin'), disposedId).record.caseNo;
    expect(text).toContain('投诉档案销毁清单');
    expect(text.replace(/\s+/g, '')).toContain(caseNo);
    expect(text).not.toContain(SECRET_NAME);
  }, 60_000);
});
