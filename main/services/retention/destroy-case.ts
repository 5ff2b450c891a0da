import crypto from 'node:crypto';
import { getTableColumns } from 'drizzle-orm';
import {
  destroyCaseMaterial,
  readDestroyedMaterial,
  rewriteEventPayload,
  shellPatch,
} from '../../../db/repos/case-destruction.repo';
import type { CaseWriter } from '../../../db/repos/cases/case-writer';
import { requireCaseRow } from '../../../db/repos/cases/cases.repo';
import { canonicalJson, DISPOSAL_EVENT_TYPE, listCaseEvents } from '../../../db/repos/history.repo';
import { markItemDisposed } from '../../../db/repos/retention.repo';
import type { ArchiveDb } from '../../../db/open';
import { cases } from '../../../db/schema';
import { isShellProperty } from '../../../shared/domain/case-shell';
import { redactPayload } from '../../../shared/sync/event-redaction';

/**
 * Destroys one case's personal information, narratives and attachments inside the disposal's
 * transaction, leaving the anonymous shell (shared/domain/case-shell.ts) so statistics stay true:
 * 1. everything destroyed is hashed (canonical JSON), so the certificate and the event can prove
 *    what was there without keeping it;
 * 2. the case's history events are redacted (shared/sync/event-redaction.ts), listed by id + hash;
 * 3. attachments and work-row texts go (db/repos/case-destruction.repo.ts);
 * 4. the row is cleared through THE case writer with a `case.disposed` event (sync replays it).
 */
export interface DestroyContext {
  db: ArchiveDb;
  writer: CaseWriter;
  batchId: string;
  actorUserId: string;
  at: number;
}

export function destroyCase(
  ctx: DestroyContext,
  caseId: string,
): { destroyedSha256: string; attachmentCount: number } {
  const row = requireCaseRow(ctx.db, caseId) as Record<string, unknown>;
  const personal = personalColumns(row);
  const material = readDestroyedMaterial(ctx.db, caseId);
  const events = listCaseEvents(ctx.db, caseId);
  const destroyedSha256 = crypto
    .createHash('sha256')
    .update(
      canonicalJson({
        caseNo: row.caseNo,
        columns: personal,
        ...material,
        events: events.map((event) => ({ id: event.id, payload: event.payload })),
      }),
    )
    .digest('hex');
  const secrets = secretsOf(personal, material);
  const redactedEvents: { id: string; hash: string }[] = [];
  for (const event of events) {
    const redacted = redactPayload(event.payload, secrets, ctx.batchId);
    if (redacted === null) continue;
    rewriteEventPayload(ctx.db, event.id, redacted);
    redactedEvents.push({ id: event.id, hash: event.hash });
  }
  destroyCaseMaterial(ctx.db, caseId);
  const attachmentCount = material.attachments.length;
  ctx.writer.update(caseId, shellPatch(), {
    type: DISPOSAL_EVENT_TYPE,
    actorUserId: ctx.actorUserId,
    at: ctx.at,
    payload: {
      batchId: ctx.batchId,
      caseNo: row.caseNo,
      destroyedSha256,
      attachments: material.attachments.map((a) => ({ id: a.id, sha256: a.sha256 })),
      redactedEvents,
    },
  });
  markItemDisposed(ctx.db, ctx.batchId, caseId, { destroyedSha256, disposedAt: ctx.at, attachmentCount });
  return { destroyedSha256, attachmentCount };
}

/** The row's values outside the shell: what the disposal clears. */
function personalColumns(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const property of Object.keys(getTableColumns(cases))) {
    if (property !== 'rowNo' && !isShellProperty(property)) out[property] = row[property] ?? null;
  }
  return out;
}

/** Every destroyed text, to find it again wherever an event payload copied it. */
function secretsOf(
  personal: Record<string, unknown>,
  material: ReturnType<typeof readDestroyedMaterial>,
): string[] {
  const texts = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.trim().length >= 2 && value !== '[]') texts.add(value.trim());
    } else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(personal);
  collect(material.attachments.map((a) => a.fileName));
  collect(
    [material.contacts, material.rectifications, material.referrals, material.holds].flat().map(textsOfRow),
  );
  // A JSON list column (group representatives) is also found item by item.
  for (const text of [...texts]) {
    if (text.startsWith('[')) {
      try {
        collect(JSON.parse(text) as unknown);
      } catch {
        // not JSON: the whole text is the secret
      }
    }
  }
  return [...texts];
}

function textsOfRow(row: unknown): unknown[] {
  const { id: _id, ...texts } = row as Record<string, unknown>;
  return Object.values(texts);
}
