import { afterAll, describe, expect, it } from 'vitest';
import { openSession } from '../../../main/services/auth/auth.service';
import { addUser } from '../../../main/services/auth/users.service';
import { registerCase, transitionCase } from '../../../main/services/cases';
import { approveDisposal, proposeDisposal } from '../../../main/services/retention/disposal.service';
import type { ArchiveSession } from '../../../main/services/archive/session';
import { ADMIN, newArchive, TEST_SCRYPT } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';

/**
 * Disposal on an archive whose identifiers are sealed (issue 13 item 6): the sealed values and the
 * blind indexes go with the rest, from the row and from every event of the case.
 */
const CLOSED_AT = Date.UTC(2020, 2, 10, 2, 0, 0);
const LATER = Date.UTC(2023, 5, 1, 2, 0, 0);
const SUPERVISOR = {
  username: 'sup1',
  displayName: '李主管',
  role: 'supervisor',
  branchCode: 'BJ01',
  password: 'super pass 123',
} as const;
const open: ArchiveSession[] = [];
afterAll(() => open.forEach((session) => session.close()));

async function signIn(
  file: string,
  username: string,
  password: string,
  now: number,
): Promise<ArchiveSession> {
  const session = await openSession({
    file,
    username,
    password,
    clock: { now: () => now, timeZone: 'Asia/Shanghai' },
  });
  open.push(session);
  return session;
}

describe('disposal of a sealed archive', () => {
  it('clears the sealed values and blind indexes from the row and the events', async () => {
    const { file } = await newArchive('disposal-sealed', { scrypt: TEST_SCRYPT });
    const admin2020 = await signIn(file, ADMIN.username, ADMIN.password, CLOSED_AT);
    await addUser(admin2020.ctx, SUPERVISOR);
    const registered = registerCase(admin2020.ctx, registration({ receivedAt: CLOSED_AT - 3_600_000 }));
    const refused = transitionCase(admin2020.ctx, registered.id, 1, {
      action: 'reject',
      reason: '不属于受理范围',
    });
    transitionCase(admin2020.ctx, registered.id, refused.record.version, { action: 'archive' });
    const sealedColumns = (db: ArchiveSession['db']) =>
      Object.entries(
        db.$client.prepare('SELECT * FROM cases WHERE id = ?').get(registered.id) as Record<string, unknown>,
      )
        .filter(([column]) => /_(sealed|bidx)$/.test(column))
        .map(([, value]) => value);
    // The check can fail: the archive does seal, and the events carry sealed tokens.
    expect(sealedColumns(admin2020.db).filter((value) => value !== null).length).toBeGreaterThan(0);
    const tokensIn = (db: ArchiveSession['db']) =>
      (
        db.$client
          .prepare('SELECT payload FROM history_events WHERE case_id = ?')
          .pluck()
          .all(registered.id) as string[]
      ).filter((payload) => payload.includes('"p1.')).length;
    expect(tokensIn(admin2020.db)).toBeGreaterThan(0);
    admin2020.close();

    const admin = await signIn(file, ADMIN.username, ADMIN.password, LATER);
    const batch = proposeDisposal(admin.ctx, { kind: 'retention', caseIds: [registered.id] });
    admin.close();
    const supervisor = await signIn(file, SUPERVISOR.username, SUPERVISOR.password, LATER);
    expect(approveDisposal(supervisor.ctx, { batchId: batch.id }).status).toBe('disposed');
    expect(sealedColumns(supervisor.db).every((value) => value === null)).toBe(true);
    expect(tokensIn(supervisor.db)).toBe(0);
  }, 120_000);
});
