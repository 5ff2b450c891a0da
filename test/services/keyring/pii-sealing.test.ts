import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { applyKey, openArchive } from '../../../db/open';
import { reloadPiiState } from '../../../db/pii/pii-state';
import { changePassword } from '../../../main/services/auth/auth.service';
import { addUser, listUsers, updateUser } from '../../../main/services/auth/users.service';
import { rekeyArchive } from '../../../main/services/archive/archive.service';
import { recoverWithRecoveryKey } from '../../../main/services/auth/recovery.service';
import { readKeyFile, writeKeyFile } from '../../../main/services/keyring/key-file';
import { unlockWithPassword } from '../../../main/services/keyring/keyring';
import { findDuplicateCandidates } from '../../../main/services/cases/duplicates.service';
import {
  customerHistory,
  customerHistoryOfCase,
} from '../../../main/services/cases/customer-history.service';
import { getCase, getCaseHistory, listCases } from '../../../main/services/cases/read.service';
import { registerCase } from '../../../main/services/cases/register.service';
import { upgradeStoredIdentifiers } from '../../../db/repos/cases/case-pii-upgrade';
import { updateCase } from '../../../main/services/cases/edit.service';
import { exportCsv } from '../../../main/services/reports/csv-export';
import {
  ADMIN,
  archiveTemplate,
  fixedClock,
  newArchive,
  sessionTracker,
  tempDir,
} from '../../helpers/archive-fixture';
import { registration, VALID_ID } from '../../helpers/case-inputs';

/**
 * Issue 13 item 6: personal identifiers are sealed to the archive's PII key, which only roles with
 * `pii:view` hold. Real encrypted archives, real sign-ins; the file is read as a clerk could.
 */
const sessions = sessionTracker();
afterEach(() => sessions.closeAll());

const PHONE = '13812345678';
const PAGE = { startRow: 0, endRow: 50, filter: {}, sort: [] };
const ACCOUNT = '6222020200112233';
const CLERK = {
  username: 'clerk1',
  displayName: '李登记',
  role: 'clerk',
  branchCode: 'BJ01',
  password: 'clerk pass 123',
} as const;
const SUPERVISOR = {
  username: 'super1',
  displayName: '赵主管',
  role: 'supervisor',
  branchCode: 'BJ01',
  password: 'super pass 123',
} as const;

/** A fresh archive with a clerk and a supervisor: made once, each test works on its own copy. */
const branchArchive = archiveTemplate(async (label) => {
  const fixture = await newArchive(label);
  const admin = await sessions.open(fixture.file, ADMIN.username, ADMIN.password);
  await addUser(admin.ctx, CLERK);
  await addUser(admin.ctx, SUPERVISOR);
  admin.close();
  return fixture;
});

/** The archive key exactly as a clerk's password opens it from the key file. */
async function clerkArchiveKey(file: string): Promise<Buffer> {
  const { candidates, privateKey } = await unlockWithPassword(
    readKeyFile(file),
    CLERK.username,
    CLERK.password,
  );
  privateKey.fill(0);
  return candidates[0]!;
}

/** The whole file decrypted with the clerk's archive key, as bytes (free pages included). */
async function decryptedBytesAsClerk(file: string): Promise<Buffer> {
  const key = await clerkArchiveKey(file);
  const copy = path.join(tempDir('pii-copy'), 'copy.redress');
  fs.copyFileSync(file, copy);
  const client = new Database(copy);
  applyKey(client, key);
  client.pragma('journal_mode = DELETE');
  client.pragma(`rekey = ''`);
  client.close();
  return fs.readFileSync(copy);
}

describe('personal identifiers are sealed (issue 13 item 6)', () => {
  it('a clerk registers, a supervisor reads unmasked, the file holds no plaintext identifier', async () => {
    const { file } = await branchArchive('pii-basic');
    const clerk = await sessions.open(file, CLERK.username, CLERK.password);
    const record = registerCase(clerk.ctx, registration({ complainant: { phone: '138 1234 5678' } }));
    expect(getCase(clerk.ctx, record.id).record.complainant.phone).toBe('*******5678');
    expect(getCase(clerk.ctx, record.id).record.accountNumber).toBe('************2233');
    const history = getCaseHistory(clerk.ctx, record.id);
    expect(JSON.stringify(history)).not.toContain(PHONE);
    clerk.close();

    const supervisor = await sessions.open(file, SUPERVISOR.username, SUPERVISOR.password);
    const seen = getCase(supervisor.ctx, record.id).record;
    expect(seen.complainant.phone).toBe(PHONE);
    expect(seen.complainant.idNumber).toBe(VALID_ID);
    expect(seen.accountNumber).toBe(ACCOUNT);
    expect(listCases(supervisor.ctx, PAGE).rows[0]?.complainantPhone).toBe(PHONE);
    expect(JSON.stringify(getCaseHistory(supervisor.ctx, record.id))).toContain(PHONE);
    supervisor.close();

    const bytes = await decryptedBytesAsClerk(file);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(true); // really decrypted
    expect(bytes.includes(Buffer.from('张三'))).toBe(true); // names are not sealed (SECURITY.md)
    for (const secret of [PHONE, VALID_ID, ACCOUNT, '1381234'])
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
  });

  it('finds duplicates, history and search results by phone, ID and account, however they are spaced', async () => {
    const { file } = await branchArchive('pii-match');
    const clerk = await sessions.open(file, CLERK.username, CLERK.password);
    const first = registerCase(clerk.ctx, registration());
    const duplicates = findDuplicateCandidates(clerk.ctx, { phone: '138-1234 5678' });
    expect(duplicates.map((d) => [d.caseId, d.reasons])).toEqual([[first.id, ['same_phone']]]);
    expect(findDuplicateCandidates(clerk.ctx, { idNumber: VALID_ID.toLowerCase() })[0]?.reasons).toEqual([
      'same_id_number',
    ]);
    expect(customerHistory(clerk.ctx, { accountNumber: '6222 0202 0011 2233' }).total).toBe(1);
    const second = registerCase(clerk.ctx, registration({ complainant: { idNumber: null } }));
    expect(customerHistoryOfCase(clerk.ctx, second.id).entries.map((e) => e.matchedBy)).toEqual([
      ['phone', 'account'],
    ]);
    for (const text of [PHONE, VALID_ID, ACCOUNT])
      expect(listCases(clerk.ctx, { ...PAGE, filter: { text } }).total, text).toBeGreaterThanOrEqual(1);
    expect(listCases(clerk.ctx, { ...PAGE, filter: { text: '13900000000' } }).total).toBe(0);
  });

  it('an edit keeps the sealed value when a masked form is saved, and seals a new one', async () => {
    const { file } = await branchArchive('pii-edit');
    const clerk = await sessions.open(file, CLERK.username, CLERK.password);
    const record = registerCase(clerk.ctx, registration());
    const shown = getCase(clerk.ctx, record.id).record;
    const same = updateCase(clerk.ctx, record.id, shown.version, { complainant: shown.complainant });
    expect(same.record.version).toBe(shown.version);
    updateCase(clerk.ctx, record.id, shown.version, {
      complainant: { ...shown.complainant, phone: '13900001111' },
    });
    clerk.close();
    const supervisor = await sessions.open(file, SUPERVISOR.username, SUPERVISOR.password);
    const seen = getCase(supervisor.ctx, record.id).record;
    expect([seen.complainant.phone, seen.complainant.idNumber]).toEqual(['13900001111', VALID_ID]);
    // The timeline: the change opened for the supervisor, `****` for the clerk.
    const edit = getCaseHistory(supervisor.ctx, record.id).find((e) => e.type === 'case.edited');
    expect(JSON.stringify(edit?.payload)).toContain('13900001111');
    expect(JSON.stringify(edit?.payload)).toContain('*******5678'); // what the clerk saw before
    supervisor.close();
    const clerkAgain = await sessions.open(file, CLERK.username, CLERK.password);
    const seenByClerk = JSON.stringify(getCaseHistory(clerkAgain.ctx, record.id));
    expect(seenByClerk).not.toContain('13900001111');
    expect(seenByClerk).not.toContain('p1.');
  });

  it('keeps pii:view access through rekey, password change and recovery, and follows role changes', async () => {
    const { file, recoveryKey } = await branchArchive('pii-keys');
    const clerk = await sessions.open(file, CLERK.username, CLERK.password);
    const { id } = registerCase(clerk.ctx, registration());
    clerk.close();
    const phoneSeenBy = async (username: string, password: string) => {
      const session = await sessions.open(file, username, password);
      const phone = getCase(session.ctx, id).record.complainant.phone;
      session.close();
      return phone;
    };

    const admin = await sessions.open(file, ADMIN.username, ADMIN.password);
    await rekeyArchive(admin);
    admin.close();
    expect(await phoneSeenBy(SUPERVISOR.username, SUPERVISOR.password)).toBe(PHONE);

    const supervisor = await sessions.open(file, SUPERVISOR.username, SUPERVISOR.password);
    await changePassword(supervisor, {
      currentPassword: SUPERVISOR.password,
      newPassword: 'new super pass 1',
    });
    supervisor.close();
    expect(await phoneSeenBy(SUPERVISOR.username, 'new super pass 1')).toBe(PHONE);

    await recoverWithRecoveryKey({
      file,
      recoveryKey,
      username: ADMIN.username,
      newPassword: 'recovered pass 1',
    });
    expect(await phoneSeenBy(ADMIN.username, 'recovered pass 1')).toBe(PHONE);

    // A clerk made handler gets the key; a supervisor made clerk loses it from the key file.
    const again = await sessions.open(file, ADMIN.username, 'recovered pass 1');
    const users = listUsers(again.ctx);
    const idOf = (name: string) => users.find((u) => u.username === name)!.id;
    updateUser(again.ctx, idOf(CLERK.username), { role: 'handler' });
    updateUser(again.ctx, idOf(SUPERVISOR.username), { role: 'clerk' });
    again.close();
    expect(await phoneSeenBy(CLERK.username, CLERK.password)).toBe(PHONE);
    expect(await phoneSeenBy(SUPERVISOR.username, 'new super pass 1')).toBe('*******5678');
    const slots = readKeyFile(file).slots.filter((slot) => slot.pii !== undefined);
    expect(slots).toHaveLength(2); // admin and the new handler
  });

  it('an archive from before sealing is indexed at once and sealed at the first pii:view sign-in', async () => {
    const { file } = await branchArchive('pii-upgrade');
    const id = await registerAsBeforeSealing(file);
    expect(await tableTextAsClerk(file)).toContain(PHONE); // the test can fail: plaintext was there

    const clerk = await sessions.open(file, CLERK.username, CLERK.password);
    expect(findDuplicateCandidates(clerk.ctx, { phone: '138 1234 5678' }).map((d) => d.caseId)).toEqual([id]);
    clerk.close();
    expect(await tableTextAsClerk(file)).toContain(PHONE); // no key pair yet: nothing to seal to

    const supervisor = await sessions.open(file, SUPERVISOR.username, SUPERVISOR.password);
    expect(getCase(supervisor.ctx, id).record.complainant.phone).toBe(PHONE);
    expect(listCases(supervisor.ctx, { ...PAGE, filter: { text: PHONE } }).rows.map((r) => r.id)).toEqual([
      id,
    ]);
    supervisor.close();
    const text = await tableTextAsClerk(file);
    for (const secret of [PHONE, VALID_ID, ACCOUNT]) expect(text).not.toContain(secret);
    expect(text).toContain('archive.pii_key_created');

    const clerkAgain = await sessions.open(file, CLERK.username, CLERK.password);
    expect(getCase(clerkAgain.ctx, id).record.complainant.phone).toBe('*******5678');
    expect(listCases(clerkAgain.ctx, { ...PAGE, filter: { text: '13812345678' } }).total).toBe(1);
  });

  it('an empty identifier is stored as NULL at sign-in, not picked again for ever', async () => {
    const { file } = await branchArchive('pii-empty');
    const admin = await sessions.open(file, ADMIN.username, ADMIN.password);
    const { id } = registerCase(admin.ctx, registration());
    // As an older import could store it: an identifier column holding '' (nothing to seal).
    const client = admin.ctx.db.$client;
    client.prepare(`UPDATE cases SET agent_phone = '' WHERE id = ?`).run(id);
    const unsealed = client
      .prepare('SELECT count(*) FROM cases WHERE agent_phone IS NOT NULL AND agent_phone_sealed IS NULL')
      .pluck();
    expect(unsealed.get()).toBe(1);
    expect(upgradeStoredIdentifiers(admin.ctx.db)).toEqual({ sealed: 0, indexed: 0 });
    expect(client.prepare('SELECT agent_phone FROM cases WHERE id = ?').pluck().get(id)).toBeNull();
    expect(unsealed.get()).toBe(0);
    admin.close();
    const again = await sessions.open(file, ADMIN.username, ADMIN.password); // the sign-in's upgrade ends
    expect(getCase(again.ctx, id).record.complainant.phone).toBe(PHONE);
  });

  it('exports show identifiers to pii:view sessions and renderings to everyone else', async () => {
    const { file } = await branchArchive('pii-export');
    const clerk = await sessions.open(file, CLERK.username, CLERK.password);
    registerCase(clerk.ctx, registration());
    clerk.close();
    const csvAs = async (username: string, password: string) => {
      const session = await sessions.open(file, username, password);
      const out = path.join(tempDir('pii-export-out'), 'cases.csv');
      await exportCsv(session.ctx, {
        filePath: out,
        request: { filter: { receivedFrom: '2026-01-01', receivedTo: '2026-12-31' }, granularity: 'month' },
        locale: 'zh-CN',
      });
      session.close();
      return fs.readFileSync(out, 'utf8');
    };
    const admin = await csvAs(ADMIN.username, ADMIN.password);
    expect(admin).toContain(PHONE);
    expect(admin).toContain(VALID_ID);
    const supervisor = await csvAs(SUPERVISOR.username, SUPERVISOR.password);
    expect(supervisor).toContain(PHONE);
    expect(supervisor).not.toContain('p1.');
  });
});

/** Strips the PII key pair from a fresh archive and registers a case as the code before sealing did. */
async function registerAsBeforeSealing(file: string): Promise<string> {
  const { candidates } = await unlockWithPassword(readKeyFile(file), ADMIN.username, ADMIN.password);
  const key = candidates[0]!;
  const db = openArchive({ file, key, mode: 'open' });
  try {
    db.$client.prepare(`DELETE FROM meta WHERE key LIKE 'pii_%'`).run();
    reloadPiiState(db.$client);
    const actor = {
      userId: 'clerk-before',
      username: 'clerk1',
      displayName: '李登记',
      role: 'clerk',
      branchCode: 'BJ01',
    } as const;
    const { id } = registerCase({ db, actor, clock: fixedClock }, registration());
    const keyFile = readKeyFile(file);
    const { piiPublicKey: _p, ...rest } = keyFile;
    const { pii: _r, ...recovery } = rest.recovery;
    writeKeyFile(file, { ...rest, recovery, slots: rest.slots.map(({ pii: _s, ...slot }) => slot) }, key);
    return id;
  } finally {
    db.$client.close();
  }
}

/**
 * Every row of every table but the history chain, read with the archive key a clerk's password
 * opens. (Events written before sealing keep what they said: SECURITY.md, residual risks.)
 */
async function tableTextAsClerk(file: string): Promise<string> {
  const key = await clerkArchiveKey(file);
  const db = new Database(file, { readonly: true });
  try {
    applyKey(db, key);
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('history_events')`)
      .pluck()
      .all() as string[];
    return (
      tables
        .map((name) =>
          JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).raw(true).all(), (_k, v: unknown) =>
            Buffer.isBuffer(v) ? v.toString('latin1') : typeof v === 'bigint' ? String(v) : v,
          ),
        )
        .join('\n') + JSON.stringify(db.prepare(`SELECT type FROM history_events`).pluck().all())
    );
  } finally {
    db.close();
  }
}
