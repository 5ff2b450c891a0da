import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { SyncError } from '../../../shared/sync/sync-error';
import { authenticate, type HqUser } from '../../../hq/auth/hq-users';
import { listHqAudit } from '../../../hq/admin/hq-audit';
import {
  addHqUser,
  changeHqUserRole,
  deactivateHqUser,
  listHqUsers,
  reactivateHqUser,
  resetHqUserPassword,
} from '../../../hq/admin/users.service';
import { createEnrollmentCode } from '../../../hq/admin/enrollment.service';
import { HQ_ADMIN_PASSWORD, useTestHq } from '../../helpers/hq-postgres';

/** HQ's user management service on a real PostgreSQL: the rules hold whoever calls (page or API). */
const setup = useTestHq();
let admin: HqUser;
const now = Date.UTC(2026, 11, 6, 6, 0, 0);

beforeAll(async () => {
  admin = (await authenticate(setup.hq.db, 'hqadmin', HQ_ADMIN_PASSWORD))!;
}, 120_000);

const refusalOf = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SyncError);
  return error as SyncError;
};
const count = async (table: string) =>
  Number(
    (await setup.hq.db.execute<{ n: string }>(sql.raw(`SELECT count(*) AS n FROM ${table}`))).rows[0]!.n,
  );

describe('HQ users service', () => {
  it('creates a user with a made-up password shown once and stored only as scrypt, audited', async () => {
    const created = await addHqUser(setup.hq.db, admin, { username: ' Analyst ', role: 'hq_analyst' }, now);
    expect(created.user).toMatchObject({ username: 'analyst', role: 'hq_analyst', isActive: true });
    expect(created.password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(await authenticate(setup.hq.db, 'analyst', created.password!)).toMatchObject({
      role: 'hq_analyst',
    });
    const stored = await setup.hq.db.execute<{ password_hash: string }>(
      sql`SELECT password_hash FROM hq_users WHERE username = 'analyst'`,
    );
    expect(stored.rows[0]!.password_hash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(await listHqAudit(setup.hq.db))).not.toContain(created.password);
    const [line] = await listHqAudit(setup.hq.db);
    expect(line).toMatchObject({ actorName: 'hqadmin', action: 'user.created', target: 'analyst' });
  });

  it('takes a password the admin sets, with the branch app’s policy, and refuses a taken name', async () => {
    const set = await addHqUser(
      setup.hq.db,
      admin,
      { username: 'protector', role: 'hq_consumer_protection', password: 'protector-pass-1' },
      now,
    );
    expect(set.password).toBeUndefined();
    expect(await authenticate(setup.hq.db, 'protector', 'protector-pass-1')).not.toBeNull();
    const before = await count('hq_users');
    const short = await refusalOf(
      addHqUser(setup.hq.db, admin, { username: 'shorty', role: 'hq_analyst', password: 'short' }, now),
    );
    expect([short.code, short.message]).toEqual(['BAD_REQUEST', 'auth.validation.passwordTooShort']);
    const badName = await refusalOf(
      addHqUser(setup.hq.db, admin, { username: 'a:b', role: 'hq_analyst' }, now),
    );
    expect(badName.message).toBe('hq.validation.username');
    expect(
      (await refusalOf(addHqUser(setup.hq.db, admin, { username: 'ANALYST', role: 'hq_admin' }, now))).code,
    ).toBe('USER_EXISTS');
    expect(await count('hq_users')).toBe(before);
  });

  it('lets only an HQ administrator manage users', async () => {
    const analyst = (await listHqUsers(setup.hq.db, admin)).find((u) => u.username === 'analyst')!;
    const asAnalyst: HqUser = { id: analyst.id, username: 'analyst', role: 'hq_analyst' };
    expect((await refusalOf(listHqUsers(setup.hq.db, asAnalyst))).code).toBe('FORBIDDEN');
    expect(
      (await refusalOf(addHqUser(setup.hq.db, asAnalyst, { username: 'mole', role: 'hq_admin' }, now))).code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await refusalOf(
          changeHqUserRole(setup.hq.db, asAnalyst, { userId: analyst.id, role: 'hq_admin' }, now),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await refusalOf(
          createEnrollmentCode(
            setup.hq.db,
            setup.hq.identity,
            asAnalyst,
            { branchCode: 'BJ01', restore: false },
            now,
          ),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('refuses an admin’s change of their own role or deactivating themselves, and the last admin stays', async () => {
    const self = await refusalOf(
      changeHqUserRole(setup.hq.db, admin, { userId: admin.id, role: 'hq_analyst' }, now),
    );
    expect(self.code).toBe('OWN_ACCOUNT');
    expect((await refusalOf(deactivateHqUser(setup.hq.db, admin, { userId: admin.id }, now))).code).toBe(
      'OWN_ACCOUNT',
    );
    // A second admin may not demote or deactivate the first while the first is the only other one…
    const second = await addHqUser(
      setup.hq.db,
      admin,
      { username: 'deputy', role: 'hq_admin', password: 'deputy-pass-1' },
      now,
    );
    const deputy: HqUser = { id: second.user.id, username: 'deputy', role: 'hq_admin' };
    // With two active admins one may demote the other; an admin no longer may manage users at all.
    await changeHqUserRole(setup.hq.db, deputy, { userId: admin.id, role: 'hq_analyst' }, now);
    const demoted: HqUser = { ...admin, role: 'hq_analyst' };
    expect((await refusalOf(deactivateHqUser(setup.hq.db, demoted, { userId: deputy.id }, now))).code).toBe(
      'FORBIDDEN',
    );
    await changeHqUserRole(setup.hq.db, deputy, { userId: admin.id, role: 'hq_admin' }, now);
    await deactivateHqUser(setup.hq.db, admin, { userId: deputy.id }, now);
    const admins = (await listHqUsers(setup.hq.db, admin)).filter((u) => u.role === 'hq_admin' && u.isActive);
    expect(admins.map((u) => u.username)).toEqual(['hqadmin']);
    const actions = (await listHqAudit(setup.hq.db)).slice(0, 3).map((l) => [l.action, l.target, l.detail]);
    expect(actions).toEqual([
      ['user.deactivated', 'deputy', {}],
      ['user.role_changed', 'hqadmin', { from: 'hq_analyst', to: 'hq_admin' }],
      ['user.role_changed', 'hqadmin', { from: 'hq_admin', to: 'hq_analyst' }],
    ]);
  });

  it('refuses the last active admin’s demotion even by a concurrent pair of admins', async () => {
    const a = await addHqUser(
      setup.hq.db,
      admin,
      { username: 'admin.a', role: 'hq_admin', password: 'admin-a-pass' },
      now,
    );
    const actorA: HqUser = { id: a.user.id, username: 'admin.a', role: 'hq_admin' };
    // hqadmin and admin.a demote each other at once: one wins, one is refused; an admin remains.
    const results = await Promise.allSettled([
      changeHqUserRole(setup.hq.db, admin, { userId: actorA.id, role: 'hq_analyst' }, now),
      changeHqUserRole(setup.hq.db, actorA, { userId: admin.id, role: 'hq_analyst' }, now),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected')!;
    expect(((refused as PromiseRejectedResult).reason as SyncError).code).toBe('LAST_ADMIN');
    const admins = (
      await setup.hq.db.execute<{ n: string }>(
        sql`SELECT count(*) AS n FROM hq_users WHERE role = 'hq_admin' AND deactivated_at IS NULL`,
      )
    ).rows[0]!.n;
    expect(Number(admins)).toBe(1);
    // Put things back for the next tests: hqadmin an active admin.
    const winner = results[0]!.status === 'fulfilled' ? admin : actorA;
    if (winner === actorA)
      await changeHqUserRole(setup.hq.db, actorA, { userId: admin.id, role: 'hq_admin' }, now);
  });

  it('a deactivated user cannot sign in and their sessions end; re-activation needs a new password', async () => {
    const users = await listHqUsers(setup.hq.db, admin);
    const protector = users.find((u) => u.username === 'protector')!;
    await setup.hq.db.execute(
      sql`INSERT INTO hq_sessions VALUES ('x', ${protector.id}, 'c', ${now}, ${now}, ${now + 1_000_000})`,
    );
    await deactivateHqUser(setup.hq.db, admin, { userId: protector.id }, now);
    expect(await authenticate(setup.hq.db, 'protector', 'protector-pass-1')).toBeNull();
    expect(await count('hq_sessions')).toBe(0);
    expect((await deactivateHqUser(setup.hq.db, admin, { userId: protector.id }, now)).user.isActive).toBe(
      false,
    );
    expect(
      (await refusalOf(resetHqUserPassword(setup.hq.db, admin, { userId: protector.id }, now))).code,
    ).toBe('NOT_FOUND');
    const back = await reactivateHqUser(setup.hq.db, admin, { userId: protector.id }, now);
    expect(back.user.isActive).toBe(true);
    expect(await authenticate(setup.hq.db, 'protector', 'protector-pass-1')).toBeNull();
    expect(await authenticate(setup.hq.db, 'protector', back.password!)).not.toBeNull();
    const reset = await resetHqUserPassword(
      setup.hq.db,
      admin,
      { userId: protector.id, password: 'fresh-pass-22' },
      now,
    );
    expect(reset.password).toBeUndefined();
    expect(await authenticate(setup.hq.db, 'protector', 'fresh-pass-22')).not.toBeNull();
    const actions = (await listHqAudit(setup.hq.db)).slice(0, 3).map((l) => [l.action, l.detail]);
    expect(actions).toEqual([
      ['user.password_reset', { madeByHq: false }],
      ['user.reactivated', { madeByHq: true }],
      ['user.deactivated', {}],
    ]);
  });

  it('audits enrollment codes without the code, and HQ’s own first admin', async () => {
    const issued = await createEnrollmentCode(
      setup.hq.db,
      setup.hq.identity,
      admin,
      { branchCode: 'SH02', restore: true },
      now,
    );
    const audit = await listHqAudit(setup.hq.db, 500);
    expect(audit[0]).toMatchObject({
      action: 'enrollment.code_issued',
      target: 'SH02',
      detail: { restore: true },
    });
    expect(JSON.stringify(audit)).not.toContain(issued.code);
    expect(audit.at(-1)).toMatchObject({ actorName: 'hq', action: 'user.created', target: 'hqadmin' });
  });
});
