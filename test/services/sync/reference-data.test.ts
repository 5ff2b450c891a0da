import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listHolidays } from '../../../db/repos/holidays.repo';
import { setMeta } from '../../../db/repos/meta.repo';
import { getTaxonomyCode } from '../../../db/repos/taxonomy.repo';
import { findUserByUsername } from '../../../db/repos/users.repo';
import type { ArchiveSession } from '../../../main/services/archive/session';
import { addUser } from '../../../main/services/auth/users.service';
import { readSettings } from '../../../main/services/reference/settings.service';
import { addTaxonomy } from '../../../main/services/reference/taxonomy.service';
import { enrollInstallation } from '../../../main/services/sync/transport/enroll';
import { syncNow } from '../../../main/services/sync/transport/sync-run';
import { hqClient } from '../../../main/services/sync/transport/hq-client';
import { SyncError } from '../../../shared/sync/sync-error';
import type { PublishReference } from '../../../shared/sync/reference-data';
import { runCli } from '../../cli/cli-helpers';
import { HQ_ADMIN_PASSWORD, useTestHq } from '../../helpers/hq-postgres';
import { enrollFake, pullOf } from '../../helpers/sync-fixtures';
import { ADMIN, newArchive, sessionTracker, TEST_SCRYPT } from '../../helpers/archive-fixture';

/**
 * Issue 15 item 4, reference data head office owns: published at HQ (stored versioned in a real
 * PostgreSQL), pulled by a real branch archive over HTTPS, applied there through the same services
 * a local administrator uses, recorded in the history, and never over the branch's own data.
 */
const setup = useTestHq();
const sessions = sessionTracker();

afterEach(() => sessions.closeAll());

let pcsOfBranch = 0;

async function enrolledBranch(): Promise<ArchiveSession> {
  const { file } = await newArchive('reference', { scrypt: TEST_SCRYPT });
  const admin = await sessions.open(file, 'admin', ADMIN.password);
  // Another PC of BJ01 each time: each its own terminal code, as HQ requires.
  setMeta(admin.db, 'terminal_code', `T${++pcsOfBranch}`);
  const { code, fingerprint } = await setup.hq.admin.createEnrollmentCode('BJ01', false);
  await enrollInstallation(admin.db, { url: setup.hq.url, code, fingerprint, restore: false });
  return admin;
}

const eventsOfType = (session: ArchiveSession, type: string) =>
  session.db.$client
    .prepare('SELECT actor_user_id AS actor, payload FROM history_events WHERE type = ? ORDER BY seq')
    .all(type) as { actor: string; payload: string }[];

const forEveryBranch: PublishReference = {
  branchCode: null,
  items: [
    {
      kind: 'taxonomy',
      data: {
        changes: [
          { op: 'add', scheme: 'B', code: 'B0310', parentCode: 'B03', nameZh: '数字人民币', nameEn: 'e-CNY' },
          {
            op: 'add',
            scheme: 'B',
            code: 'B0311',
            parentCode: 'B03',
            nameZh: '总部分类',
            nameEn: 'HQ class',
          },
          { op: 'rename', scheme: 'B', code: 'B0301', nameZh: '借记卡（新）', nameEn: 'Debit card (new)' },
          { op: 'synonyms', scheme: 'B', code: 'B0302', synonyms: ['信用卡', '贷记卡'] },
          { op: 'retire', scheme: 'B', code: 'B0399' },
        ],
      },
    },
    {
      kind: 'holidays',
      data: { set: [{ date: '2027-01-01', name: '元旦', isWorkday: false }], remove: [] },
    },
    { kind: 'deadlines', data: { calendarMode: 'working' } },
  ],
};

describe('reference data from head office', () => {
  it('is applied at the branch through its services, recorded, and leaves local-only data alone', async () => {
    const admin = await enrolledBranch();
    // The branch's own data before head office publishes anything.
    addTaxonomy(admin.ctx, {
      scheme: 'B',
      parentCode: 'B03',
      code: 'B0311',
      nameZh: '本地分类',
      nameEn: 'Local',
    });
    await addUser(admin.ctx, {
      username: 'li.si',
      displayName: '李四',
      role: 'clerk',
      branchCode: 'BJ01',
      password: 'clerk-password-1',
    });
    await setup.hq.admin.publishReference(forEveryBranch);
    await setup.hq.admin.publishReference({
      branchCode: 'BJ01',
      items: [
        {
          kind: 'users',
          data: {
            users: [
              { username: 'zhao.liu', displayName: '赵六', role: 'handler', active: true },
              { username: 'li.si', displayName: '李四', role: 'supervisor', active: true },
            ],
          },
        },
      ],
    });

    await syncNow(admin.db, Date.now());

    const db = admin.db;
    expect(getTaxonomyCode(db, 'B', 'B0310')).toMatchObject({ nameZh: '数字人民币', retiredAt: null });
    expect(getTaxonomyCode(db, 'B', 'B0311')).toMatchObject({ nameZh: '本地分类' }); // kept: the branch's own
    expect(getTaxonomyCode(db, 'B', 'B0301')?.nameZh).toBe('借记卡（新）');
    expect(getTaxonomyCode(db, 'B', 'B0302')?.synonyms).toEqual(['信用卡', '贷记卡']);
    expect(getTaxonomyCode(db, 'B', 'B0399')?.retiredAt).not.toBeNull();
    expect(listHolidays(db, { from: '2027-01-01', to: '2027-01-01' })).toEqual([
      { date: '2027-01-01', name: '元旦', isWorkday: false },
    ]);
    expect(readSettings(db).calendarMode).toBe('working');
    // A user new to this PC arrives without a password, inactive; an existing one gets the new role.
    expect(findUserByUsername(db, 'zhao.liu')).toMatchObject({
      role: 'handler',
      isActive: false,
      branchCode: 'BJ01',
    });
    expect(findUserByUsername(db, 'li.si')).toMatchObject({ role: 'supervisor', isActive: true });
    // Recorded in the history as changes made by head office, each through its service's event.
    expect(eventsOfType(admin, 'taxonomy.changed').filter((e) => e.actor === 'hq')).toHaveLength(4);
    expect(eventsOfType(admin, 'settings.updated').at(-1)?.actor).toBe('hq');
    expect(eventsOfType(admin, 'reference.applied').map((e) => JSON.parse(e.payload).kind)).toEqual([
      'taxonomy',
      'holidays',
      'deadlines',
      'users',
    ]);

    // Applied once: the next sync asks only for newer versions.
    const applied = eventsOfType(admin, 'reference.applied').length;
    await syncNow(admin.db, Date.now());
    expect(eventsOfType(admin, 'reference.applied')).toHaveLength(applied);
  }, 120_000);

  it('an item this archive refuses is recorded and skipped, the rest applies, sync goes on', async () => {
    const admin = await enrolledBranch();
    await setup.hq.admin.publishReference({
      branchCode: 'BJ01',
      items: [
        { kind: 'roles', data: { roles: [{ username: 'nobody', role: 'admin' }] } },
        // Demoting the only administrator: the users service refuses it.
        { kind: 'roles', data: { roles: [{ username: 'admin', role: 'clerk' }] } },
        {
          kind: 'holidays',
          data: { set: [{ date: '2027-02-17', name: '春节', isWorkday: false }], remove: [] },
        },
      ],
    });
    await syncNow(admin.db, Date.now());
    expect(findUserByUsername(admin.db, 'admin')?.role).toBe('admin');
    expect(listHolidays(admin.db, { from: '2027-02-17', to: '2027-02-17' })).toHaveLength(1);
    const rejected = eventsOfType(admin, 'reference.rejected').map((e) => JSON.parse(e.payload));
    expect(rejected.map((r) => [r.kind, r.code])).toEqual([
      ['roles', 'NOT_FOUND'],
      ['roles', 'VALIDATION'],
    ]);
  }, 120_000);

  it("goes only to the branch it names; another branch's pull does not carry it", async () => {
    await setup.hq.admin.publishReference({
      branchCode: 'BJ01',
      items: [
        {
          kind: 'users',
          data: { users: [{ username: 'only.bj', displayName: '北京', role: 'clerk', active: true }] },
        },
      ],
    });
    const other = await enrollFake(setup.hq, 'SH02');
    const page = await hqClient(setup.hq.endpoint).pull(await pullOf(other));
    expect(page.reference.map((r) => r.kind)).not.toContain('users');
    expect(page.reference.map((r) => r.kind)).toContain('taxonomy');
  }, 60_000);

  it('HQ refuses a malformed publication and stores nothing', async () => {
    const before = await setup.hq.db.$client.query('SELECT count(*)::int AS n FROM reference_data');
    const error = await setup.hq.admin
      .publishReference({ branchCode: null, items: [{ kind: 'users', data: { users: [] } }] } as never)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(SyncError);
    expect((error as SyncError).code).toBe('BAD_REQUEST');
    const after = await setup.hq.db.$client.query('SELECT count(*)::int AS n FROM reference_data');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});

describe('redress hq publish-reference', () => {
  it('publishes a JSON file, and refuses a bad one in one line of the reader’s language', async () => {
    const dir = fs.mkdtempSync(path.join(setup.hq.dataDir, 'publish-'));
    const good = path.join(dir, 'calendar.json');
    fs.writeFileSync(
      good,
      JSON.stringify([{ kind: 'holidays', data: { set: [{ date: '2027-10-01', name: '国庆节' }] } }]),
    );
    const env = { REDRESS_HQ_PASSWORD: HQ_ADMIN_PASSWORD };
    const published = await runCli(['--json', 'hq', 'publish-reference', good, '--hq', setup.hq.url], {
      env,
    });
    expect(published.stderr).toBe('');
    expect(JSON.parse(published.stdout)).toMatchObject({ branchCode: null, versions: [expect.any(Number)] });

    const bad = path.join(dir, 'users.json');
    fs.writeFileSync(
      bad,
      JSON.stringify([
        { kind: 'users', data: { users: [{ username: 'zhang.san', displayName: '甲', role: 'clerk' }] } },
      ]),
    );
    const refused = await runCli(['--lang', 'zh-CN', 'hq', 'publish-reference', bad, '--hq', setup.hq.url], {
      env,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(
      /参考数据文件 .*users\.json 无效：branchCode: 用户和角色属于某一个分支机构/,
    );
  }, 60_000);
});
