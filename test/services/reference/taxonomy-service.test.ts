import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive, type ArchiveDb } from '../../../db/open';
import { verifyChains } from '../../../db/repos/history.repo';
import { isActiveCode, seedTaxonomy } from '../../../db/repos/taxonomy.repo';
import { meta } from '../../../db/schema';
import type { ServiceContext } from '../../../main/services/context';
import {
  addTaxonomy,
  listHolidayCalendar,
  listTaxonomyCodes,
  reinstateTaxonomy,
  removeHolidayDay,
  renameTaxonomy,
  retireTaxonomy,
  searchTaxonomyCodes,
  setHolidayDay,
  setTaxonomySynonymList,
} from '../../../main/services/reference/taxonomy.service';
import type { Role } from '../../../shared/domain/roles';
import { AppError } from '../../../shared/errors';

const opened: ArchiveDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.$client.close();
});

function archive(): ArchiveDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-taxonomy-service-'));
  const db = openArchive({ file: path.join(dir, 'a.redress'), key: crypto.randomBytes(32), mode: 'create' });
  opened.push(db);
  db.insert(meta).values({ key: 'installation_id', value: 'inst-1' }).run();
  seedTaxonomy(db, 1_000);
  return db;
}

function as(db: ArchiveDb, role: Role): ServiceContext {
  return {
    db,
    actor: { userId: `u-${role}`, username: role, displayName: role, role, branchCode: 'BJ01' },
    clock: { now: () => 1_800_000_000_000, timeZone: 'Asia/Shanghai' },
  };
}

const events = (db: ArchiveDb) =>
  db.$client
    .prepare('SELECT type, actor_user_id AS actor, payload FROM history_events ORDER BY seq')
    .all() as {
    type: string;
    actor: string;
    payload: string;
  }[];

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('the taxonomy service', () => {
  it('lets every case reader list and search, but only an administrator change codes', () => {
    const db = archive();
    expect(listTaxonomyCodes(as(db, 'clerk'), { scheme: 'A' }).map((c) => c.code)).toContain('A0303');
    expect(searchTaxonomyCodes(as(db, 'analyst'), { scheme: 'B', query: 'xyk' }).codes[0]?.nameZh).toBe(
      '信用卡',
    );
    expect(
      errorOf(() =>
        addTaxonomy(as(db, 'supervisor'), {
          scheme: 'B',
          parentCode: 'B03',
          nameZh: '预付卡',
          nameEn: 'Prepaid card',
        }),
      ).code,
    ).toBe('FORBIDDEN');
    expect(errorOf(() => retireTaxonomy(as(db, 'clerk'), { scheme: 'B', code: 'B03' })).code).toBe(
      'FORBIDDEN',
    );
    expect(isActiveCode(db, 'B', 'B03')).toBe(true);
    expect(events(db)).toEqual([]);
  });

  it('records each change in the history, in the same transaction', () => {
    const db = archive();
    const admin = as(db, 'admin');
    expect(
      addTaxonomy(admin, { scheme: 'B', parentCode: 'B03', nameZh: '预付卡', nameEn: 'Prepaid card' }).code,
    ).toBe('B0303');
    renameTaxonomy(admin, {
      scheme: 'B',
      code: 'B0303',
      nameZh: '单用途预付卡',
      nameEn: 'Single-purpose prepaid card',
    });
    expect(retireTaxonomy(admin, { scheme: 'B', code: 'B0303' })).toEqual(['B0303']);
    reinstateTaxonomy(admin, { scheme: 'B', code: 'B0303' });
    const history = events(db);
    expect(history.map((e) => e.type)).toEqual([
      'taxonomy.changed',
      'taxonomy.changed',
      'taxonomy.changed',
      'taxonomy.changed',
    ]);
    expect(history.every((e) => e.actor === 'u-admin')).toBe(true);
    expect(JSON.parse(history[1]!.payload)).toMatchObject({
      change: 'renamed',
      before: { nameZh: '预付卡' },
      after: { nameZh: '单用途预付卡' },
    });
    expect(verifyChains(db)).toEqual([]);
  });

  it('changes nothing and records nothing when a change is refused', () => {
    const db = archive();
    const admin = as(db, 'admin');
    const taken = errorOf(() =>
      addTaxonomy(admin, {
        scheme: 'B',
        parentCode: 'B03',
        nameZh: '借记卡',
        nameEn: 'Debit',
        code: 'b0301',
      }),
    );
    expect(taken).toMatchObject({ code: 'VALIDATION', fields: { code: 'domain.validation.codeTaken' } });
    expect(
      errorOf(() => addTaxonomy(admin, { scheme: 'B', parentCode: 'B03', nameZh: ' ', nameEn: 'x' })).code,
    ).toBe('VALIDATION');
    expect(errorOf(() => reinstateTaxonomy(admin, { scheme: 'B', code: 'B03' })).code).toBe('CONFLICT');
    expect(
      errorOf(() => renameTaxonomy(admin, { scheme: 'B', code: 'B77', nameZh: '甲', nameEn: 'x' })).code,
    ).toBe('NOT_FOUND');
    expect(events(db)).toEqual([]);
  });

  it('lets an administrator change a code’s search words, recorded; refuses others and bad words', () => {
    const db = archive();
    const admin = as(db, 'admin');
    const clerk = as(db, 'clerk');
    expect(searchTaxonomyCodes(clerk, { scheme: 'A', query: '柜台' }).codes[0]?.code).toBe('A0101');
    expect(
      errorOf(() => setTaxonomySynonymList(clerk, { scheme: 'A', code: 'A0101', synonyms: ['x'] })).code,
    ).toBe('FORBIDDEN');
    expect(
      errorOf(() => setTaxonomySynonymList(admin, { scheme: 'A', code: 'A0101', synonyms: ['窗口、柜台'] }))
        .code,
    ).toBe('VALIDATION');
    expect(events(db)).toEqual([]);
    const changed = setTaxonomySynonymList(admin, {
      scheme: 'A',
      code: 'A0101',
      synonyms: ['营业窗口', '营业窗口'],
    });
    expect(changed.synonyms).toEqual(['营业窗口']);
    expect(searchTaxonomyCodes(clerk, { scheme: 'A', query: 'yyck' }).codes[0]?.code).toBe('A0101');
    expect(searchTaxonomyCodes(clerk, { scheme: 'A', query: '柜台' }).codes.map((c) => c.code)).not.toContain(
      'A0101',
    );
    expect(JSON.parse(events(db)[0]!.payload)).toMatchObject({
      change: 'synonyms',
      code: 'A0101',
      after: ['营业窗口'],
    });
    expect(verifyChains(db)).toEqual([]);
  });

  it('maintains the holiday calendar with history', () => {
    const db = archive();
    const admin = as(db, 'admin');
    setHolidayDay(admin, { date: '2027-02-06', name: '春节', isWorkday: false });
    expect(listHolidayCalendar(as(db, 'handler')).map((h) => h.date)).toEqual(['2027-02-06']);
    expect(errorOf(() => setHolidayDay(admin, { date: '2027-02-30', name: '春节' })).fields).toEqual({
      date: 'domain.validation.holidayDateInvalid',
    });
    expect(errorOf(() => setHolidayDay(as(db, 'handler'), { date: '2027-02-07', name: '春节' })).code).toBe(
      'FORBIDDEN',
    );
    removeHolidayDay(admin, { date: '2027-02-06' });
    expect(errorOf(() => removeHolidayDay(admin, { date: '2027-02-06' })).code).toBe('NOT_FOUND');
    expect(events(db).map((e) => e.type)).toEqual(['holidays.changed', 'holidays.changed']);
    expect(listHolidayCalendar(admin)).toEqual([]);
  });
});
