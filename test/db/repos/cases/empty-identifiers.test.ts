import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseWriter } from '../../../../db/repos/cases/case-writer';
import { registerCase } from '../../../../main/services/cases';
import { createArchiveFixture, type ArchiveFixture } from '../../../helpers/archive-fixture';
import { registration } from '../../../helpers/case-inputs';

/**
 * An empty identifier is no identifier: the case writer stores '' as NULL (sealed archive or not,
 * sync's replay included), and migration 0021 turns the '' older writes left into NULL.
 */
const MIGRATIONS = path.resolve(import.meta.dirname, '../../../../db/migrations');
let f: ArchiveFixture;
beforeEach(() => {
  f = createArchiveFixture();
});
afterEach(() => f.close());

const IDENTIFIERS = 'complainant_id_number, complainant_phone, agent_phone, account_number';

function identifiersOf(id: string): Record<string, unknown> {
  return f.db.$client.prepare(`SELECT ${IDENTIFIERS} FROM cases WHERE id = ?`).get(id) as Record<
    string,
    unknown
  >;
}

const EMPTY = { complainantIdNumber: '', complainantPhone: '', agentPhone: '', accountNumber: '' };
const NULLS = {
  complainant_id_number: null,
  complainant_phone: null,
  agent_phone: null,
  account_number: null,
};

const newCase = {
  branchCode: 'BJ01',
  status: 'registered' as const,
  receivedAt: Date.UTC(2026, 10, 23, 1, 0),
  receivedDate: '2026-11-23',
  channelCode: 'A01',
  businessCode: 'B03',
  causeCode: 'C01',
  priority: 'ordinary' as const,
  complainantKind: 'person' as const,
  complainantName: '客户',
  requestText: '要求退还年费',
  dueDate: '2026-12-08',
  registeredBy: 'user-clerk-BJ01',
  createdAt: 1,
  updatedAt: 1,
};

describe('empty identifiers', () => {
  it('are stored as NULL by creates and updates, sealed or as recorded (sync)', () => {
    const event = { type: 'case.test', actorUserId: null, at: 2, payload: {} };
    for (const options of [{}, { asRecorded: true }]) {
      const { id } = registerCase(f.ctx('clerk'), registration());
      expect(identifiersOf(id).complainant_phone).not.toBeNull(); // the test can fail: a value was there
      const writer = new CaseWriter(f.db, options);
      const created = f.db.$client.transaction(() => {
        writer.update(id, EMPTY, event);
        const written = writer.create({ ...newCase, ...EMPTY }, event);
        writer.flush();
        return written;
      })();
      expect(identifiersOf(id)).toEqual(NULLS);
      expect(identifiersOf(created.id)).toEqual(NULLS);
    }
  });

  it('left by older writes become NULL in migration 0021', () => {
    const { id } = registerCase(f.ctx('clerk'), registration());
    const client = f.db.$client;
    client
      .prepare(
        `UPDATE cases SET complainant_id_number = '', complainant_phone = '', agent_phone = '', account_number = '' WHERE id = ?`,
      )
      .run(id);
    const other = registerCase(f.ctx('clerk'), registration()).id;
    const kept = identifiersOf(other);
    // Run 0021 as the migrator does, statement by statement (forgetting that it ran would make the
    // migrator re-run every later migration as well).
    const migration = fs.readFileSync(path.join(MIGRATIONS, '0021_empty_identifiers_null.sql'), 'utf8');
    client.transaction(() => {
      for (const statement of migration.split('--> statement-breakpoint')) client.exec(statement);
    })();
    expect(identifiersOf(id)).toEqual(NULLS);
    expect(identifiersOf(other)).toEqual(kept);
  });
});
