import i18next from 'i18next';
import { describe, expect, test } from 'vitest';
import { interpolate, plural, type Messages } from '../../../shared/i18n/define';
import { cliCaseWorkMessages } from '../../../shared/i18n/cli-case-work';
import { hqWithheldMessages } from '../../../shared/i18n/hq-withheld';
import { uiCaseWorkMessages } from '../../../shared/i18n/ui-case-work';
import { everyTable } from './message-tables';

/** English counts agree with their number ("1 other case"); Chinese has one form. */
function keysOf(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

describe('counted texts', () => {
  test('every English `_other` has its `_one`, and Chinese has only `_other`', async () => {
    const tables = await everyTable();
    expect(tables.length).toBeGreaterThan(20);
    let counted = 0;
    for (const { file, name: exported, table } of tables) {
      const name = `${file} ${exported}`;
      const en = new Set(keysOf(table.en));
      const zh = new Set(keysOf(table['zh-CN']));
      for (const key of en) {
        if (!key.endsWith('_other')) continue;
        counted += 1;
        expect(en.has(key.replace(/_other$/, '_one')), `${name} ${key}`).toBe(true);
        expect(zh.has(key), `${name} ${key} in zh-CN`).toBe(true);
      }
      for (const key of zh) expect(key.endsWith('_one'), `${name} ${key} in zh-CN`).toBe(false);
    }
    expect(counted).toBeGreaterThanOrEqual(6);
  });

  test('the command line picks the form by the count', () => {
    const say = (locale: 'en' | 'zh-CN', count: number) =>
      interpolate(plural(cliCaseWorkMessages[locale], 'earlier', count, locale), { count });
    expect(say('en', 1)).toBe('This complainant has 1 other case.');
    expect(say('en', 2)).toBe('This complainant has 2 other cases.');
    expect(say('zh-CN', 1)).toBe('该投诉人共有 1 件其他投诉。');
    const line = (count: number) =>
      interpolate(plural(hqWithheldMessages.en, 'cliLine', count, 'en'), {
        branch: 'BJ01',
        files: 2,
        count,
        holders: 'PC-1',
      });
    expect(line(1)).toContain('(1 disposed case)');
    expect(line(3)).toContain('(3 disposed cases)');
  });

  test('i18next picks the same forms on the screens', async () => {
    const instance = i18next.createInstance();
    await instance.init({
      lng: 'en',
      resources: {
        en: { casework: uiCaseWorkMessages.en },
        'zh-CN': { casework: uiCaseWorkMessages['zh-CN'] },
      },
      defaultNS: 'casework',
      interpolation: { escapeValue: false },
    });
    expect(instance.t('history.total', { count: 1 })).toBe('This complainant has 1 other case');
    expect(instance.t('history.total', { count: 4 })).toBe('This complainant has 4 other cases');
    await instance.changeLanguage('zh-CN');
    expect(instance.t('history.total', { count: 1 })).toBe('该投诉人共有 1 件其他投诉');
  });
});
