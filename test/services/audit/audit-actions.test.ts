import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ACCESS_ACTIONS, ARCHIVE_EVENT_TYPES } from '../../../shared/domain/audit';
import { LOCALES } from '../../../shared/i18n/define';
import { actionLabel } from '../../../main/services/audit/audit.service';

/** The audit screen names every action in words: no raw `holidays.changed` before a Chinese reader. */
const CJK = /[\u4e00-\u9fff]/;
/** Prefixes of the history events written without a case (sign-ins, settings, records office…). */
const ARCHIVE_PREFIXES =
  'archive|auth|user|settings|branch|denominator|disposal|export|letters|retention|reference|handover|taxonomy|holidays';
/** Quoted `prefix.name` strings that are not events: file names, i18n keys, the projection's marker. */
const NOT_EVENTS = new Set(['archive.redress', 'retention.why']);

function archiveEventTypesInSource(): Set<string> {
  const pattern = new RegExp(`['\`]((?:${ARCHIVE_PREFIXES})\\.[a-z_]+)['\`]`, 'g');
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !full.includes('i18n'))
        for (const match of fs.readFileSync(full, 'utf8').matchAll(pattern))
          if (!NOT_EVENTS.has(match[1] ?? '')) found.add(match[1] ?? '');
    }
  };
  for (const root of ['main', 'db']) walk(path.resolve(root));
  return found;
}

describe('audit actions in words', () => {
  test('every archive-level event the services write is offered by the audit filter', () => {
    const listed = new Set<string>(ARCHIVE_EVENT_TYPES);
    expect([...archiveEventTypesInSource()].filter((type) => !listed.has(type))).toEqual([]);
  });

  test.each(LOCALES)('every action has a label in %s (Chinese for zh-CN)', (locale) => {
    for (const action of [...ACCESS_ACTIONS, ...ARCHIVE_EVENT_TYPES]) {
      const label = actionLabel(action, locale);
      expect(label, action).not.toBe(action);
      expect(CJK.test(label), `${locale} ${action}: ${label}`).toBe(locale === 'zh-CN');
    }
  });
});
