import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * How many customers (or policies) a branch served in a quarter, entered by an analyst, so that
 * branch and product comparisons can be read per 10,000 customers/policies instead of raw counts
 * (DOMAIN.md "Analysis"). `businessCode` '' means the whole branch; a code (JR/T 0169 dimension B)
 * narrows it to a product line. '' rather than NULL so the unique index holds (NULLs never collide).
 */
export const denominators = sqliteTable(
  'denominators',
  {
    id: text('id').primaryKey(), // UUIDv7
    branchCode: text('branch_code').notNull(),
    businessCode: text('business_code').notNull().default(''),
    kind: text('kind', { enum: ['customers', 'policies'] }).notNull(),
    /** First day of the quarter, YYYY-MM-DD (e.g. 2026-07-01 for 2026 Q3). */
    periodStart: text('period_start').notNull(),
    value: integer('value').notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('denominators_unique').on(t.branchCode, t.businessCode, t.kind, t.periodStart)],
);
export type DenominatorRow = typeof denominators.$inferSelect;
