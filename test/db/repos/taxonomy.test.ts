import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive, type ArchiveDb } from '../../../db/open';
import { verifyChains } from '../../../db/repos/history.repo';
import { calendarRule, listHolidays, removeHoliday, setHoliday } from '../../../db/repos/holidays.repo';
import {
  addTaxonomyCode,
  defaultTaxonomyEntries,
  getTaxonomyCode,
  isActiveCode,
  listTaxonomy,
  pinyinKey,
  reinstateTaxonomyCode,
  renameTaxonomyCode,
  retireTaxonomyCode,
  seedTaxonomy,
  setTaxonomySynonyms,
} from '../../../db/repos/taxonomy.repo';
import { searchTaxonomy } from '../../../db/repos/taxonomy-search';
import { meta } from '../../../db/schema';
import { computeDueDate } from '../../../shared/domain/deadlines';
import { AppError } from '../../../shared/errors';

const opened: ArchiveDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.$client.close();
});

export function seededArchive(): ArchiveDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-taxonomy-'));
  const db = openArchive({ file: path.join(dir, 'a.redress'), key: crypto.randomBytes(32), mode: 'create' });
  opened.push(db);
  db.insert(meta).values({ key: 'installation_id', value: 'inst-1' }).run();
  seedTaxonomy(db, 1_000);
  return db;
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return `${error.code}:${Object.values(error.fields ?? {}).join(',')}`;
    throw error;
  }
  return 'ok';
}

describe('seeding the taxonomy', () => {
  it('stores every shipped code once, with pinyin, and a second run adds nothing', () => {
    const db = seededArchive();
    const expected = defaultTaxonomyEntries().length;
    expect(listTaxonomy(db, { includeRetired: true })).toHaveLength(expected);
    expect(seedTaxonomy(db, 2_000)).toBe(0);
    expect(getTaxonomyCode(db, 'B', 'B0302')).toMatchObject({
      nameZh: '信用卡',
      pinyin: 'xinyongka xyk',
      level: 2,
      parentCode: 'B03',
    });
    expect(pinyinKey('银行卡')).toBe('yinhangka yhk');
  });

  it('does not undo an administrator’s rename or retirement when run again', () => {
    const db = seededArchive();
    renameTaxonomyCode(db, 'A', 'A0303', { nameZh: '手机银行', nameEn: 'Mobile banking app' });
    retireTaxonomyCode(db, 'A', 'A0305', 5_000);
    seedTaxonomy(db, 6_000);
    expect(getTaxonomyCode(db, 'A', 'A0303')).toMatchObject({
      nameZh: '手机银行',
      pinyin: 'shoujiyinhang sjyh',
    });
    expect(isActiveCode(db, 'A', 'A0305')).toBe(false);
  });
});

describe('searching the taxonomy', () => {
  it('finds codes by initials, full pinyin, Chinese name and code', () => {
    const db = seededArchive();
    expect(searchTaxonomy(db, 'B', 'xyk', 5)[0]?.code).toBe('B0302');
    expect(searchTaxonomy(db, 'B', 'xinyong', 5)[0]?.code).toBe('B0302');
    expect(searchTaxonomy(db, 'B', '住房', 5).map((c) => c.code)).toEqual(['B0201']);
    const byCode = searchTaxonomy(db, 'B', 'b03', 10).map((c) => c.code);
    expect(byCode[0]).toBe('B03');
    expect(byCode).toContain('B0301');
    expect(searchTaxonomy(db, 'C', '%', 5)).toEqual([]);
  });

  it('finds codes by their search words and the words’ pinyin: 柜台 → 柜面, 网点 → 营业现场, atm', () => {
    const db = seededArchive();
    expect(searchTaxonomy(db, 'A', '柜台', 5)[0]?.code).toBe('A0101');
    expect(searchTaxonomy(db, 'A', 'gt', 5).map((c) => c.code)).toContain('A0101');
    expect(searchTaxonomy(db, 'A', '网点', 5)[0]?.code).toBe('A01');
    expect(searchTaxonomy(db, 'A', 'atm', 5)[0]?.code).toBe('A0201');
    expect(searchTaxonomy(db, 'B', '房贷', 5)[0]?.code).toBe('B0201');
    expect(searchTaxonomy(db, 'C', '网点', 5).map((c) => c.code)).toContain('C0203');
  });

  it('gives every shipped code except the catch-all 其他 at least one search word', () => {
    const db = seededArchive();
    const missing = listTaxonomy(db)
      .filter((c) => c.nameZh !== '其他' && c.synonyms.length === 0)
      .map((c) => `${c.scheme}:${c.code}`);
    expect(missing).toEqual([]);
  });

  it('uses an administrator’s words instead of the shipped ones, an empty list included', () => {
    const db = seededArchive();
    setTaxonomySynonyms(db, 'A', 'A0101', ['临柜窗口']);
    expect(searchTaxonomy(db, 'A', '柜台', 5).map((c) => c.code)).not.toContain('A0101');
    expect(searchTaxonomy(db, 'A', 'lgck', 5)[0]?.code).toBe('A0101');
    setTaxonomySynonyms(db, 'A', 'A0101', []);
    expect(getTaxonomyCode(db, 'A', 'A0101')?.synonyms).toEqual([]);
  });

  it('orders codes of the same rank by the preference given (recent and frequent first)', () => {
    const db = seededArchive();
    const plain = searchTaxonomy(db, 'B', '', 3).map((c) => c.code);
    expect(plain).toEqual(['B01', 'B0101', 'B0102']);
    const preferred = searchTaxonomy(db, 'B', '', 3, (code) => (code === 'B0302' ? 10 : 0));
    expect(preferred[0]?.code).toBe('B0302');
  });

  it('does not offer retired codes', () => {
    const db = seededArchive();
    retireTaxonomyCode(db, 'B', 'B03', 5_000);
    expect(searchTaxonomy(db, 'B', 'xyk', 5)).toEqual([]);
  });
});

describe('changing the taxonomy', () => {
  it('retires a class with everything below it, keeps them listable for old cases, and reinstates', () => {
    const db = seededArchive();
    expect(retireTaxonomyCode(db, 'B', 'B02', 5_000).sort()).toEqual([
      'B02',
      'B0201',
      'B0202',
      'B0203',
      'B0204',
      'B0205',
      'B0206',
      'B0299',
    ]);
    expect(isActiveCode(db, 'B', 'B0201')).toBe(false);
    expect(isActiveCode(db, 'B', 'B03')).toBe(true);
    expect(listTaxonomy(db, { scheme: 'B' }).some((c) => c.code.startsWith('B02'))).toBe(false);
    expect(
      listTaxonomy(db, { scheme: 'B', includeRetired: true }).find((c) => c.code === 'B0201')?.retiredAt,
    ).toBe(5_000);
    expect(codeOf(() => reinstateTaxonomyCode(db, 'B', 'B0201'))).toBe(
      'VALIDATION:domain.validation.parentMissing',
    );
    expect(reinstateTaxonomyCode(db, 'B', 'B02')).toBe(true);
    expect(isActiveCode(db, 'B', 'B02')).toBe(true);
  });

  it('adds codes under a parent with the next free number, up to three levels', () => {
    const db = seededArchive();
    const added = addTaxonomyCode(db, {
      scheme: 'B',
      parentCode: 'B03',
      nameZh: '预付卡',
      nameEn: 'Prepaid card',
    });
    expect(added).toMatchObject({
      code: 'B0303',
      level: 2,
      parentCode: 'B03',
      pinyin: 'yufuka yfk',
      retiredAt: null,
    });
    const small = addTaxonomyCode(db, {
      scheme: 'B',
      parentCode: 'B0302',
      nameZh: '分期',
      nameEn: 'Instalments',
    });
    expect(small).toMatchObject({ code: 'B030201', level: 3 });
    expect(
      codeOf(() => addTaxonomyCode(db, { scheme: 'B', parentCode: 'B030201', nameZh: '甲', nameEn: 'x' })),
    ).toBe('VALIDATION:domain.validation.tooDeep');
    expect(
      codeOf(() =>
        addTaxonomyCode(db, { scheme: 'B', parentCode: 'B03', nameZh: '甲', nameEn: 'x', code: 'B0301' }),
      ),
    ).toBe('VALIDATION:domain.validation.codeTaken');
    expect(
      codeOf(() =>
        addTaxonomyCode(db, { scheme: 'B', parentCode: 'B03', nameZh: '甲', nameEn: 'x', code: 'B0401' }),
      ),
    ).toBe('VALIDATION:domain.validation.codeInvalid');
    expect(
      codeOf(() => addTaxonomyCode(db, { scheme: 'B', parentCode: 'B77', nameZh: '甲', nameEn: 'x' })),
    ).toBe('VALIDATION:domain.validation.parentMissing');
    expect(
      addTaxonomyCode(db, { scheme: 'INS_LINE', parentCode: null, nameZh: '再保险', nameEn: 'Reinsurance' })
        .code,
    ).toBe('L03');
  });
});

describe('the holiday calendar', () => {
  it('sets, lists and removes days, and builds the working-day rule from them', () => {
    const db = seededArchive();
    setHoliday(db, { date: '2026-10-01', name: '国庆节', isWorkday: false });
    setHoliday(db, { date: '2026-10-10', name: '国庆节调休', isWorkday: true });
    setHoliday(db, { date: '2026-10-01', name: '国庆节（首日）', isWorkday: false });
    expect(listHolidays(db).map((h) => [h.date, h.name, h.isWorkday])).toEqual([
      ['2026-10-01', '国庆节（首日）', false],
      ['2026-10-10', '国庆节调休', true],
    ]);
    expect(listHolidays(db, { from: '2026-10-02' }).map((h) => h.date)).toEqual(['2026-10-10']);
    expect(calendarRule(db, 'calendar')).toEqual({ mode: 'calendar' });
    const rule = calendarRule(db, 'working');
    expect(rule.mode === 'working' && [...rule.holidays]).toEqual([
      ['2026-10-01', false],
      ['2026-10-10', true],
    ]);
    // Received Wed 2026-09-30: Oct 1 off, Fri 2 (1), Mon 5 (2) … with Sat 10 worked.
    expect(computeDueDate({ receivedDate: '2026-09-30', limitDays: 1, pausedDays: 0, rule })).toBe(
      '2026-10-02',
    );
    expect(removeHoliday(db, '2026-10-01')).toBe(true);
    expect(removeHoliday(db, '2026-10-01')).toBe(false);
    expect(verifyChains(db)).toEqual([]);
  });
});
