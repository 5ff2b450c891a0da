import { describe, expect, it } from 'vitest';
import { lookupKey } from '../../../shared/ipc/validation';
import { LOCALES } from '../../../shared/i18n/define';
import { domainMessages } from '../../../shared/i18n/domain';
import { lifecycleMessages } from '../../../shared/i18n/lifecycle';
import { ACTION_RULES } from '../../../shared/domain/lifecycle';

describe('lifecycle and taxonomy messages', () => {
  it('resolves every field-error key the rules and services emit, in both languages', () => {
    const keys = [
      ...Object.keys(lifecycleMessages['zh-CN'].validation).map((k) => `lifecycle.validation.${k}`),
      ...Object.keys(domainMessages['zh-CN'].validation).map((k) => `domain.validation.${k}`),
    ];
    for (const locale of LOCALES)
      for (const key of keys) expect(lookupKey(key, locale), `${locale} ${key}`).toBeTruthy();
  });

  it('names every event type the lifecycle records', () => {
    for (const rule of Object.values(ACTION_RULES)) {
      expect(lifecycleMessages['zh-CN'].events).toHaveProperty([rule.eventType]);
      expect(lifecycleMessages.en.events).toHaveProperty([rule.eventType]);
    }
  });
});
