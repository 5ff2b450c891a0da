import { describe, expect, test } from 'vitest';
import type { Messages } from '../../../shared/i18n/define';
import { everyTable } from './message-tables';

/**
 * An English text that puts a number before a counted noun ("{{count}} cases") must have both
 * forms (`key_one` "1 case", `key_other`), or say the number as a figure after a label ("cases:
 * {{count}}"), which reads right for every number. A number i18next cannot choose a form by (not
 * `count`) can only be said the second way.
 */
const COUNTED_NOUN =
  /\{\{\s*(\w+)\s*\}\}\s+(?:new\s+|more\s+|other\s+|open\s+|synthetic\s+|classified\s+|disposed\s+)?(cases|complaints|rows|events|days|years|seconds|characters|items|problems|reminders|inconsistencies|values|columns|actions|rectification actions|contacts|referrals|duplicates|conflicts|cells|times|lines|records|files)\b(?!\/)/g; // `{{rate}} rows/s` is a unit

/**
 * Numbers that are never 1 (a fixed limit of the program), so the plural always agrees. Each
 * entry says which constant it is.
 */
const NEVER_ONE = new Set([
  'backups.ts top.stale', // BACKUP_STALE_DAYS = 7
  'cli.ts usage.tooManyCases', // the command line's batch limit
  'import.ts problem.cell_too_large', // the reader's cell limit
  'import.ts problem.too_long', // a field's length limit (the shortest is 2)
  'validation.ts tooShortString', // a minimum of 1 is worded `required` (shared/ipc/validation.ts)
  'validation.ts tooLongString', // no text field is limited to 1 character
  // Retention years: never below MINIMUM_RETENTION_YEARS (3 and 10, shared/domain/retention.ts).
  'errors.ts RETENTION_TOO_SHORT',
  'retention.ts validation.yearsTooShort',
  'ui-retention.ts periods.years',
  'ui-retention.ts periods.minimum',
]);

function entriesOf(messages: Messages, prefix = ''): [string, string][] {
  return Object.entries(messages).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : entriesOf(value, `${prefix}${key}.`),
  );
}

/** The English texts that count a noun without agreeing with the number. */
export function disagreeing(en: Messages, file: string): string[] {
  const found: string[] = [];
  for (const [key, text] of entriesOf(en)) {
    if (NEVER_ONE.has(`${file} ${key}`)) continue;
    const counted = /_(one|other)$/.test(key);
    for (const match of text.matchAll(COUNTED_NOUN)) {
      // `key_one`/`key_other` agree with `count`; any other number cannot be chosen by.
      if (counted && match[1] === 'count') continue;
      found.push(`${file} ${key}: ${text}`);
    }
  }
  return found;
}

describe('English counts agree with their number', () => {
  test('the check finds a count before a noun, and passes a label before it', () => {
    expect(disagreeing({ total: '{{count}} cases' }, 'x.ts')).toEqual(['x.ts total: {{count}} cases']);
    expect(disagreeing({ a: 'Sent {{pushed}} events, {{conflicts}} conflicts' }, 'x.ts')).toHaveLength(2);
    expect(disagreeing({ total_one: '{{count}} case', total_other: '{{count}} cases' }, 'x.ts')).toEqual([]);
    // Another number in a counted text still cannot agree.
    expect(disagreeing({ done_other: '{{count}} cases, {{events}} events' }, 'x.ts')).toHaveLength(1);
    expect(disagreeing({ a: 'Cases: {{count}}', b: '{{file}} is a folder' }, 'x.ts')).toEqual([]);
  });

  test('no English text in shared/i18n puts a number before a noun without its forms', async () => {
    const tables = await everyTable();
    expect(tables.length).toBeGreaterThan(20);
    expect(tables.flatMap(({ file, table }) => disagreeing(table.en, file))).toEqual([]);
  });
});
