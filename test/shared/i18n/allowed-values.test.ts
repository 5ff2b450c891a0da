import { z } from 'zod';
import { describe, expect, test } from 'vitest';
import { PRIORITIES } from '../../../shared/domain/case';
import { allowedValues } from '../../../shared/i18n/allowed-values';
import { importProblemMessage } from '../../../shared/i18n/import';
import { issueMessage } from '../../../shared/ipc/validation';

/** A wrong value for a choice says what the choice allows, labelled in the reader's language. */
describe('allowed values', () => {
  test('codes with their labels from the one label table', () => {
    expect(allowedValues(PRIORITIES, 'zh-CN')).toBe('紧急（urgent）、重大（major）、一般（ordinary）');
    expect(allowedValues(PRIORITIES, 'en')).toBe('Urgent (urgent), Major (major), Ordinary (ordinary)');
    expect(allowedValues(['csv', 'xlsx'], 'en')).toBe('csv, xlsx');
  });

  test('a request with a bad priority (IPC, command line) lists them', () => {
    const input = { priority: 'high' };
    const parsed = z.object({ priority: z.enum(PRIORITIES) }).safeParse(input);
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0]!;
    expect(issueMessage(issue, input, 'en')).toBe(
      'Not an allowed value; use one of: Urgent (urgent), Major (major), Ordinary (ordinary).',
    );
    expect(issueMessage(issue, input, 'zh-CN')).toBe(
      '不是允许的取值，可用：紧急（urgent）、重大（major）、一般（ordinary）。',
    );
  });

  test('an imported row with a bad priority lists them in the language it is read in', () => {
    const problem = {
      row: 2,
      column: 'priority',
      code: 'invalid_choice' as const,
      detail: 'high',
      allowed: [...PRIORITIES],
    };
    expect(importProblemMessage(problem, 'en')).toBe(
      '“high” is not an allowed value; use one of: Urgent (urgent), Major (major), Ordinary (ordinary).',
    );
    expect(importProblemMessage(problem, 'zh-CN')).toBe(
      '“high”不是允许的取值，可用：紧急（urgent）、重大（major）、一般（ordinary）。',
    );
  });
});
