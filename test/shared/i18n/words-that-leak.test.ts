import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CASE_EVENT_TYPES, eventLabelKey } from '../../../shared/domain/case-events';
import { ERROR_CODES } from '../../../shared/errors';
import { LOCALES } from '../../../shared/i18n/define';
import { errorMessages } from '../../../shared/i18n/errors';
import { uiDetailMessages } from '../../../shared/i18n/ui-detail';

/** Every event type and every error code has words in both languages; no raw key reaches a reader. */
const CJK = /[\u4e00-\u9fff]/;

function labelOf(locale: (typeof LOCALES)[number], type: string): unknown {
  const events = uiDetailMessages[locale].events as Record<string, unknown>;
  return events[eventLabelKey(type).slice('events.'.length)];
}

/** The `'case.x'` event types written anywhere in the services, repos and shared rules. */
function eventTypesInSource(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !full.includes('i18n'))
        for (const match of fs.readFileSync(full, 'utf8').matchAll(/['`]case\.([a-z_]+)['`]/g))
          found.add(`case.${match[1]}`);
    }
  };
  for (const root of ['main', 'db', 'shared']) walk(path.resolve(root));
  return found;
}

describe('words that leak', () => {
  test.each(LOCALES)('every case event type has a timeline label in %s', (locale) => {
    for (const type of CASE_EVENT_TYPES) {
      const label = labelOf(locale, type);
      expect(typeof label, type).toBe('string');
      expect(label, type).not.toContain('case.');
      expect(CJK.test(String(label)), `${locale} ${type}: ${String(label)}`).toBe(locale === 'zh-CN');
    }
    expect(labelOf(locale, 'case.from_a_newer_version')).toBeUndefined(); // → the generic "other" label
    expect(typeof (uiDetailMessages[locale].events as Record<string, unknown>).other).toBe('string');
  });

  test('every event type the source writes is in the list (so it gets a label)', () => {
    const listed = new Set<string>(CASE_EVENT_TYPES);
    const missing = [...eventTypesInSource()].filter((type) => !listed.has(type));
    expect(missing).toEqual([]);
  });

  test.each(LOCALES)('every error code has a message in %s, Chinese for zh-CN, English for en', (locale) => {
    for (const code of ERROR_CODES) {
      const message = errorMessages[locale][code];
      expect(message, code).toBeTruthy();
      expect(message, code).not.toContain(code);
      // SYNC_REFUSED is only its reason, which the sync service words in the reader's language
      // (main/services/sync/sync-words.ts; test/ipc/sync.test.ts checks both languages).
      if (code === 'SYNC_REFUSED') expect(message).toBe('{{reason}}');
      else expect(CJK.test(message), `${locale} ${code}`).toBe(locale === 'zh-CN');
    }
  });
});
