import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ErrorPayload } from '../../shared/errors';
import { authMessages } from '../../shared/i18n/auth';
import { errorMessages } from '../../shared/i18n/errors';
import { toAppError } from '../../renderer/api';
import { failureWording, fieldWordings, type Wording } from '../../renderer/ui/wording';

/**
 * A form's marks from the main process follow a language switch: the payload carries them in both
 * languages and the renderer keeps each as a Wording, worded with the `t` of the moment.
 */
const tIn: Record<'zh-CN' | 'en', TFunction> = {} as never;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({
    lng: 'zh-CN',
    resources: { 'zh-CN': { errors: errorMessages['zh-CN'] }, en: { errors: errorMessages.en } },
  });
  tIn['zh-CN'] = instance.getFixedT('zh-CN');
  tIn.en = instance.getFixedT('en');
});

const say = (wording: Wording | undefined, locale: 'zh-CN' | 'en') =>
  typeof wording === 'function' ? wording(tIn[locale]) : wording;

describe('field marks in the language of the moment', () => {
  // A service's refusal as the IPC sends it (test/ipc/dispatcher.test.ts checks the main side):
  // worded in the caller's language, Chinese, with both languages beside it.
  const userExists = (locale: 'zh-CN' | 'en') => authMessages[locale].validation.userExists;
  const payload = (locale: 'zh-CN' | 'en'): ErrorPayload => ({
    code: 'VALIDATION',
    message: errorMessages[locale].VALIDATION,
    fields: { username: userExists(locale) },
    fieldsByLocale: { 'zh-CN': { username: userExists('zh-CN') }, en: { username: userExists('en') } },
  });

  test('a mark worded in Chinese reads in English after a switch, and back', () => {
    const error = toAppError(payload('zh-CN'));
    const username = fieldWordings(error).username;
    const chinese = say(username, 'zh-CN');
    const english = say(username, 'en');
    expect(chinese).toBe(userExists('zh-CN'));
    expect(english).toBe(userExists('en'));
    expect(say(username, 'zh-CN')).toBe(chinese);
  });

  test('the first mark named, else the message of the error itself', () => {
    const error = toAppError(payload('en'));
    expect(say(failureWording(error, 'password', 'username'), 'zh-CN')).toBe(
      say(fieldWordings(error).username, 'zh-CN'),
    );
    expect(say(failureWording(error, 'password'), 'zh-CN')).toBe(errorMessages['zh-CN'].VALIDATION);
    expect(say(failureWording(error, 'password'), 'en')).toBe(errorMessages.en.VALIDATION);
  });

  test('an error without marks has none; one from an older main process keeps its words', () => {
    expect(fieldWordings(new Error('boom'))).toEqual({});
    const old = toAppError({ code: 'VALIDATION', message: 'x', fields: { name: '已存在' } });
    expect(say(fieldWordings(old).name, 'en')).toBe('已存在');
  });
});
