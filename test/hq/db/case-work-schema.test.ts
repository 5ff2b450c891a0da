import { getTableColumns, type Column } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { caseContacts, caseReferrals, rectificationActions } from '../../../db/schema/case-work';
import { hqContacts, hqReferrals, hqRectifications } from '../../../hq/db/case-work-schema';

/**
 * HQ's PostgreSQL work tables mirror the branch's SQLite ones column by column (two dialects, so
 * two definitions). HQ's projection writes each row straight from an event payload, so a column
 * added on one side only would silently be dropped: this keeps the two equal.
 */
const BRANCH_ONLY = ['version']; // optimistic locking of local edits; HQ orders by last_order
const HQ_ONLY = ['branch_code', 'last_order']; // which branch sent it; the fold order of its last event

function shape(table: Parameters<typeof getTableColumns>[0], leaveOut: string[]) {
  return Object.fromEntries(
    Object.values(getTableColumns(table) as Record<string, Column>)
      .filter((column) => !leaveOut.includes(column.name))
      .map((column) => [column.name, column.notNull ? 'not null' : 'null']),
  );
}

describe('HQ case-work tables', () => {
  it.each([
    ['rectification actions', rectificationActions, hqRectifications],
    ['referrals', caseReferrals, hqReferrals],
    ['contacts', caseContacts, hqContacts],
  ] as const)('%s have the branch table’s columns, nullability included', (_name, branch, hq) => {
    expect(shape(hq, HQ_ONLY)).toEqual(shape(branch, BRANCH_ONLY));
    const hqNames = Object.values(getTableColumns(hq) as Record<string, Column>).map((c) => c.name);
    expect(hqNames).toEqual(expect.arrayContaining(HQ_ONLY));
  });
});
