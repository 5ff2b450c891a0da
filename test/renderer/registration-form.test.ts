import { describe, expect, test } from 'vitest';
import {
  emptyForm,
  fieldProblem,
  formKeyOfPath,
  isBlank,
  receivedAtToEpoch,
  toRegistration,
} from '../../renderer/features/register/registration-form';
import { isLastGroupConfirmed, recoveryKeyGroups } from '../../renderer/features/setup/recovery-key';
import { initialValues, toTransitionInput } from '../../renderer/features/case-detail/action-fields';
import { transitionInputSchema } from '../../shared/domain/lifecycle';
import { issueMessage } from '../../shared/ipc/validation';

const messages = { required: 'REQUIRED', amount: 'AMOUNT', describe: (key: string) => `RULE ${key}` };
const shanghai = { now: Date.parse('2026-11-23T12:00:00Z'), timeZone: 'Asia/Shanghai' };

describe('registration form', () => {
  test('an empty form marks the required fields, not the optional ones', () => {
    const result = toRegistration(emptyForm(Date.now()), messages, shanghai);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      name: 'REQUIRED',
      request: 'REQUIRED',
      channelCode: 'REQUIRED',
      businessCode: 'REQUIRED',
      causeCode: 'REQUIRED',
    });
    expect(result.errors.phone).toBeUndefined();
  });

  test('a filled form converts: 元 to fen, received time on the Shanghai clock, blanks to null', () => {
    const form = {
      ...emptyForm(0),
      receivedAt: '2026-11-23T09:30',
      name: '张三',
      idNumber: '11010519491231002X',
      request: '退还多收的费用',
      amount: '1,200.5',
      channelCode: 'A0101',
      businessCode: 'B0201',
      causeCode: 'C0101',
    };
    const result = toRegistration(form, messages, shanghai);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.registration.amountFen).toBe(120050);
    expect(result.registration.receivedAt).toBe(Date.parse('2026-11-23T01:30:00Z'));
    expect(result.registration.complainant).toMatchObject({
      idType: 'resident_id',
      idNumber: '11010519491231002X',
      phone: null,
    });
  });

  test('an empty decision notice is “required” in the reader’s language, never zod’s English', () => {
    const input = toTransitionInput('propose_resolution', {
      ...initialValues('propose_resolution', '2026-11-23'),
      decisionNotice: '',
    });
    const parsed = transitionInputSchema.safeParse(input);
    if (parsed.success) throw new Error('expected the empty notice to be refused');
    const issue = parsed.error.issues.find((i) => i.path[0] === 'decisionNotice');
    if (!issue) throw new Error('no issue on decisionNotice');
    expect(issue.message).toMatch(/Invalid input/); // what used to reach the Chinese UI
    expect(issueMessage(issue, input, 'zh-CN')).toBe('必填。');
    expect(issueMessage(issue, input, 'en')).toBe('Required.');
  });

  test('a bad amount is reported on the amount field', () => {
    const result = toRegistration({ ...emptyForm(0), amount: '12.345' }, messages, shanghai);
    expect(!result.ok && result.errors.amount).toBe('AMOUNT');
  });

  test('server field paths land on the right inputs', () => {
    expect(formKeyOfPath('complainant.phone')).toBe('phone');
    expect(formKeyOfPath('classification.causeCode')).toBe('causeCode');
    expect(formKeyOfPath('amountFen')).toBe('amount');
    expect(formKeyOfPath('nothing.here')).toBeNull();
    expect(isBlank(emptyForm(0))).toBe(true);
    expect(isBlank({ ...emptyForm(0), request: 'x' })).toBe(false);
    expect(receivedAtToEpoch('2026-01-01T00:00', 'Asia/Shanghai')).toBe(Date.parse('2025-12-31T16:00:00Z'));
    // The archive's zone is a setting, not a constant: Ürümqi's clock is two hours behind Beijing's.
    expect(receivedAtToEpoch('2026-01-01T00:00', 'Asia/Urumqi')).toBe(Date.parse('2025-12-31T18:00:00Z'));
  });
});

describe('the shared registration rules in the form', () => {
  const filled = {
    ...emptyForm(0),
    receivedAt: '2026-11-23T09:30',
    name: '张三',
    request: '退还多收的费用',
    channelCode: 'A0101',
    businessCode: 'B0201',
    causeCode: 'C0101',
  };

  test('a phone with spaces and a lower-case ID are stored as the services store them', () => {
    const result = toRegistration(
      { ...filled, phone: '138 1234 5678', idNumber: '11010519491231002x' },
      messages,
      shanghai,
    );
    expect(result.ok && result.registration.complainant).toMatchObject({
      phone: '13812345678',
      idNumber: '11010519491231002X',
    });
  });

  test('a mistyped phone or ID is marked when the clerk leaves the input, before any save', () => {
    const form = { ...filled, phone: '138-12', idNumber: '110105194912310021' };
    expect(fieldProblem(form, 'phone', messages, shanghai)).toBe('RULE cases.validation.phoneInvalid');
    expect(fieldProblem(form, 'idNumber', messages, shanghai)).toBe('RULE cases.validation.idNumberInvalid');
    expect(fieldProblem(form, 'name', messages, shanghai)).toBeUndefined();
    expect(fieldProblem({ ...form, phone: '010-12345678' }, 'phone', messages, shanghai)).toBeUndefined();
  });

  test('a receipt time in the future is refused on the archive clock', () => {
    const result = toRegistration({ ...filled, receivedAt: '2026-11-24T09:30' }, messages, shanghai);
    expect(!result.ok && result.errors.receivedAt).toBe('RULE cases.validation.receivedInFuture');
  });

  test('a masked identifier from a case being corrected is left for the server', () => {
    const result = toRegistration({ ...filled, phone: '138****5678' }, messages, shanghai);
    expect(result.ok).toBe(true);
  });
});

describe('recovery key confirmation', () => {
  test('groups by separators or by four, and only the exact last group confirms', () => {
    expect(recoveryKeyGroups('ABCD-EFGH-JKLM')).toEqual(['ABCD', 'EFGH', 'JKLM']);
    expect(recoveryKeyGroups('ABCDEFGHJK')).toEqual(['ABCD', 'EFGH', 'JK']);
    expect(isLastGroupConfirmed('ABCD-EFGH-JKLM', ' jklm ')).toBe(true);
    expect(isLastGroupConfirmed('ABCD-EFGH-JKLM', 'EFGH')).toBe(false);
    expect(isLastGroupConfirmed('', '')).toBe(false);
  });
});

describe('action dialogs', () => {
  test('the defaults of every action either pass the shared schema or name the missing field', () => {
    const input = toTransitionInput('propose_resolution', {
      ...initialValues('propose_resolution', '2026-11-23'),
      resolutionType: 'refund',
      resolutionAmountFen: '12.50',
      decisionNotice: '经核实，依据合同约定退还费用；如不服可申请核查、调解、仲裁或诉讼。',
    });
    expect(input).toMatchObject({ action: 'propose_resolution', resolutionAmountFen: 1250 });
    expect(transitionInputSchema.safeParse(input).success).toBe(true);
    const extend = toTransitionInput('extend', {
      ...initialValues('extend', '2026-11-23'),
      reason: '案情复杂',
    });
    expect(extend).toEqual({ action: 'extend', toDays: 30, reason: '案情复杂', customerInformed: false });
    expect(transitionInputSchema.safeParse(extend).success).toBe(true);
    const reject = transitionInputSchema.safeParse(
      toTransitionInput('reject', initialValues('reject', '2026-11-23')),
    );
    expect(reject.success).toBe(false);
    // Nothing the customer or the handler must say is pre-filled: no satisfaction, no 回避 text.
    expect(initialValues('record_follow_up', '2026-11-23').satisfaction).toBe('');
    expect(initialValues('start_investigation', '2026-11-23').conflictDeclaration).toBe('');
    const followUp = transitionInputSchema.safeParse(
      toTransitionInput('record_follow_up', initialValues('record_follow_up', '2026-11-23')),
    );
    expect(followUp.success).toBe(false);
  });
});
