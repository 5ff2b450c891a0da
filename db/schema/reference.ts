import { sqliteTable, text, integer, primaryKey, index } from 'drizzle-orm/sqlite-core';

/** Key/value facts about this archive and installation (installation id, branch, terminal, chain head). */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Settings an admin changes: idle lock minutes, calendar mode, repeat window, due-soon days. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(), // JSON
});

export const branches = sqliteTable('branches', {
  code: text('code').primaryKey(), // e.g. BJ01
  name: text('name').notNull(),
  createdAt: integer('created_at').notNull(),
});

/**
 * The classification (DOMAIN.md "Classification"): JR/T 0169 dimensions A (channel), B (business),
 * C (cause), and the insurance categories and lines. Retired codes stay so old cases stay valid.
 */
export const taxonomyCodes = sqliteTable(
  'taxonomy_codes',
  {
    scheme: text('scheme', { enum: ['A', 'B', 'C', 'INS', 'INS_LINE'] }).notNull(),
    code: text('code').notNull(),
    parentCode: text('parent_code'),
    level: integer('level').notNull(), // 1 large, 2 medium, 3 small
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    pinyin: text('pinyin').notNull().default(''), // initials and full pinyin for type-to-search
    sortOrder: integer('sort_order').notNull().default(0),
    retiredAt: integer('retired_at'),
    /** JSON array of search words set by an administrator; NULL: the shipped list applies. */
    synonyms: text('synonyms'),
  },
  (t) => [
    primaryKey({ columns: [t.scheme, t.code] }),
    index('taxonomy_parent_idx').on(t.scheme, t.parentCode),
  ],
);

/** Holiday calendar (法定节假日) and make-up working days (调休), when days are counted as working days. */
export const holidays = sqliteTable('holidays', {
  date: text('date').primaryKey(), // YYYY-MM-DD
  name: text('name').notNull(),
  isWorkday: integer('is_workday', { mode: 'boolean' }).notNull().default(false),
});
