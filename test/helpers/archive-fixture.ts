import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openArchive, type ArchiveDb } from '../../db/open';
import { ARCHIVE_FORMAT } from '../../db/repos/meta.repo';
import { branches, meta, taxonomyCodes, users } from '../../db/schema';
import type { Role } from '../../shared/domain/roles';
import type { Actor, Clock, ServiceContext } from '../../main/services/context';
import { createArchive } from '../../main/services/archive/archive.service';
import type { ArchiveSession } from '../../main/services/archive/session';
import { openSession } from '../../main/services/auth/auth.service';
import type { ScryptParams } from '../../main/services/keyring/primitives';
import { tempDir, TEST_SCRYPT } from './archive-test-utils';

export * from './archive-test-utils';

/**
 * The tests' real encrypted archives in temp dirs, two ways:
 * - `createArchiveFixture`: two branches, one user per role in BJ01 (plus a clerk and a handler in
 *   SH01) and a small slice of the JR/T 0169 taxonomy, written directly, with a settable clock and
 *   a ServiceContext per role (services, queries, import, reports);
 * - `newArchive` + `sessionTracker`: an archive made by the archive service itself
 *   (createArchive, key file, admin with a password) and opened by signing in (archive, auth,
 *   users, backup, keyring tests).
 */
export const NOW = Date.UTC(2026, 10, 23, 2, 0, 0); // 2026-11-23 10:00 in Asia/Shanghai

export interface ArchiveFixture {
  file: string;
  key: Buffer;
  db: ArchiveDb;
  clock: Clock & { set(ms: number): void; advanceDays(days: number): void };
  ctx(role: Role, branchCode?: string): ServiceContext;
  actor(role: Role, branchCode?: string): Actor;
  close(): void;
}

export const TAXONOMY: {
  scheme: 'A' | 'B' | 'C';
  code: string;
  parent: string | null;
  nameZh: string;
  retired?: true;
}[] = [
  { scheme: 'A', code: 'A01', parent: null, nameZh: '营业现场' },
  { scheme: 'A', code: 'A03', parent: null, nameZh: '电子渠道' },
  { scheme: 'A', code: 'A0301', parent: 'A03', nameZh: '网上银行' },
  { scheme: 'B', code: 'B01', parent: null, nameZh: '人民币储蓄' },
  { scheme: 'B', code: 'B02', parent: null, nameZh: '贷款' },
  { scheme: 'B', code: 'B0201', parent: 'B02', nameZh: '个人贷款' },
  { scheme: 'B', code: 'B03', parent: null, nameZh: '银行卡' },
  { scheme: 'B', code: 'B09', parent: null, nameZh: '旧分类', retired: true },
  { scheme: 'C', code: 'C01', parent: null, nameZh: '服务态度及质量' },
  { scheme: 'C', code: 'C09', parent: null, nameZh: '资金安全' },
];

export function userIdFor(role: Role, branchCode = 'BJ01'): string {
  return `user-${role}-${branchCode}`;
}

/** `branchCode`: the archive's own branch (BJ01 unless given), with one user per role in it. */
export function createArchiveFixture(options: { file?: string; branchCode?: string } = {}): ArchiveFixture {
  const file =
    options.file ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'redress-cases-')), 'archive.redress');
  const key = crypto.randomBytes(32);
  const db = openArchive({ file, key, mode: 'create' });
  const ownBranch = options.branchCode ?? 'BJ01';
  seedArchive(db, ownBranch);
  let now = NOW;
  const clock = {
    now: () => now,
    timeZone: 'Asia/Shanghai',
    set: (ms: number) => {
      now = ms;
    },
    advanceDays: (days: number) => {
      now += days * 86_400_000;
    },
  };
  const actor = (role: Role, branchCode = ownBranch): Actor => ({
    userId: userIdFor(role, branchCode),
    username: `${role}-${branchCode}`.toLowerCase(),
    displayName: `${role} ${branchCode}`,
    role,
    branchCode,
  });
  return {
    file,
    key,
    db,
    clock,
    actor,
    ctx: (role, branchCode) => ({ db, actor: actor(role, branchCode), clock }),
    close: () => db.$client.close(),
  };
}

export function seedArchive(db: ArchiveDb, ownBranch = 'BJ01'): void {
  const at = NOW - 86_400_000;
  const otherBranch = ownBranch === 'BJ01' ? 'SH01' : 'BJ01';
  db.transaction((tx) => {
    tx.insert(meta)
      .values([
        { key: 'installation_id', value: crypto.randomUUID() },
        { key: 'branch_code', value: ownBranch },
        { key: 'terminal_code', value: 'T1' },
        { key: 'created_at', value: String(at) },
        { key: 'schema', value: ARCHIVE_FORMAT },
      ])
      .run();
    tx.insert(branches)
      .values([
        { code: 'BJ01', name: '北京分行营业部', createdAt: at },
        { code: 'SH01', name: '上海分行营业部', createdAt: at },
      ])
      .run();
    const roles: [Role, string][] = [
      ['admin', ownBranch],
      ['supervisor', ownBranch],
      ['handler', ownBranch],
      ['clerk', ownBranch],
      ['analyst', ownBranch],
      ['clerk', otherBranch],
      ['handler', otherBranch],
    ];
    for (const [role, branchCode] of roles) {
      tx.insert(users)
        .values({
          id: userIdFor(role, branchCode),
          username: `${role}-${branchCode}`.toLowerCase(),
          displayName: `${role} ${branchCode}`,
          role,
          branchCode,
          createdAt: at,
          updatedAt: at,
        })
        .run();
    }
    for (const [index, code] of TAXONOMY.entries()) {
      tx.insert(taxonomyCodes)
        .values({
          scheme: code.scheme,
          code: code.code,
          parentCode: code.parent,
          level: code.parent ? 2 : 1,
          nameZh: code.nameZh,
          nameEn: code.code,
          sortOrder: index,
          retiredAt: code.retired ? at : null,
        })
        .run();
    }
  });
}

// The archive service's own archives, opened by signing in.

export const ADMIN = { username: 'admin', displayName: '王管理', password: 'correct horse 1' };
export const fixedClock: Clock = { now: () => NOW, timeZone: 'Asia/Shanghai' };

export interface Fixture {
  dir: string;
  file: string;
  recoveryKey: string;
}

/**
 * `scrypt`: the archive's password derivation, for its admin and every password set later
 * (passwordKdfOf). TEST_SCRYPT unless given: tests whose subject is the app's cost pass
 * DEFAULT_SCRYPT.
 */
export async function newArchive(label: string, options: { scrypt?: ScryptParams } = {}): Promise<Fixture> {
  const dir = tempDir(label);
  const file = path.join(dir, 'branch.redress');
  const { recoveryKey } = await createArchive({
    file,
    branch: { code: 'BJ01', name: '北京分行营业部' },
    terminalCode: 'T1',
    admin: ADMIN,
    clock: fixedClock,
    scrypt: options.scrypt ?? TEST_SCRYPT,
  });
  return { dir, file, recoveryKey };
}

/**
 * `make` runs once (its archive's key derivations cost about a second each on a busy machine);
 * every call then gets its own copy of the archive and its key file in a new temp dir, so tests
 * that each start from the same fresh archive stay independent without making it again.
 * `make` must leave the archive closed; other files it names are copied by the caller.
 */
export function archiveTemplate<T extends Fixture>(
  make: (label: string) => Promise<T>,
): (label: string) => Promise<T> {
  let template: Promise<T> | undefined;
  return async (label) => {
    template ??= make(`${label}-template`);
    const made = await template;
    const dir = tempDir(label);
    const file = path.join(dir, path.basename(made.file));
    copyArchiveFiles(made.file, file);
    return { ...made, dir, file };
  };
}

/** Copies an archive and whatever lies beside it under its name (key file, WAL). */
export function copyArchiveFiles(from: string, to: string): void {
  const name = path.basename(from);
  for (const entry of fs.readdirSync(path.dirname(from)).filter((n) => n.startsWith(name)))
    fs.copyFileSync(
      path.join(path.dirname(from), entry),
      path.join(path.dirname(to), path.basename(to) + entry.slice(name.length)),
    );
}

/** Sessions opened by a test, closed after it whatever happened. */
export function sessionTracker() {
  const open: ArchiveSession[] = [];
  return {
    async open(file: string, username: string, password: string): Promise<ArchiveSession> {
      const session = await openSession({ file, username, password, clock: fixedClock });
      open.push(session);
      return session;
    },
    closeAll(): void {
      for (const session of open.splice(0)) session.close();
    },
  };
}
