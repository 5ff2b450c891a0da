import { describe, expect, test } from 'vitest';
import {
  emptyForm,
  formKeyOfPath,
  representativesOf,
  toRegistration,
} from '../../renderer/features/register/registration-form';
import { applicableParts, registrationProblems } from '../../shared/domain/registration-rules';
import { caseRegistrationSchema } from '../../shared/domain/case';

/**
 * Insurance, respondent, agent authorisation and group representatives on the form (issue 17
 * item 8): shown when they apply, converted to the registration, checked by the shared rules.
 */
const messages = { required: 'REQUIRED', amount: 'AMOUNT', describe: (key: string) => `RULE ${key}` };
const clock = { now: Date.parse('2026-11-23T12:00:00Z'), timeZone: 'Asia/Shanghai' };
const filled = {
  ...emptyForm(0),
  receivedAt: '2026-11-23T09:30',
  name: '张三',
  request: '理赔款迟迟未到账',
  channelCode: 'A0101',
  businessCode: 'B0802',
  causeCode: 'C0101',
};

describe('which parts apply', () => {
  test('insurance for insurance business or an insurer, or when already filled in', () => {
    expect(applicableParts({ ...filled, businessCode: 'B0802' }).insurance).toBe(true);
    expect(applicableParts({ ...filled, businessCode: 'B0201' }).insurance).toBe(false);
    expect(applicableParts({ ...filled, businessCode: 'B0201' }, { isInsurer: true }).insurance).toBe(true);
    expect(applicableParts({ ...filled, businessCode: 'B0201', insuranceLine: 'L01' }).insurance).toBe(true);
  });

  test('the agent authorisation once an agent is named; representatives for a group complaint', () => {
    expect(applicableParts(filled)).toMatchObject({ agentAuthorisation: false, groupRepresentatives: false });
    // Already filled in (an imported case): shown, so a correction never hides what the case holds.
    expect(applicableParts({ ...filled, agentAuthorisation: '授权书' }).agentAuthorisation).toBe(true);
    expect(applicableParts({ ...filled, agentName: '李律师', isGroup: true })).toMatchObject({
      agentAuthorisation: true,
      groupRepresentatives: true,
    });
  });
});

describe('the form carries them', () => {
  test('insurance codes, the respondent, the authorisation and the representatives reach the registration', () => {
    const result = toRegistration(
      {
        ...filled,
        insuranceCategoryCode: 'INS02',
        insuranceLine: 'L01',
        respondentUnit: '朝阳支行',
        respondentStaffName: '王五',
        respondentStaffUnit: '理财部',
        agentName: '李律师',
        agentAuthorisation: '特别授权，委托书已收',
        isGroup: true,
        groupRepresentatives: '甲\n乙、丙',
      },
      messages,
      clock,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const r = result.registration;
    expect(r.classification).toMatchObject({ insuranceCategoryCode: 'INS02', insuranceLine: 'L01' });
    expect(r.respondent).toEqual({ unit: '朝阳支行', staffName: '王五', staffUnit: '理财部' });
    expect(r.complainant).toMatchObject({
      agentAuthorisation: '特别授权，委托书已收',
      groupRepresentatives: ['甲', '乙', '丙'],
    });
  });

  test('representatives left on a case that is no longer a group are marked, not dropped unseen', () => {
    const result = toRegistration({ ...filled, isGroup: false, groupRepresentatives: '甲' }, messages, clock);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({ groupRepresentatives: 'RULE cases.validation.representativesNeedGroup' });
  });

  test('six representatives are refused on the representatives input', () => {
    const result = toRegistration(
      { ...filled, isGroup: true, groupRepresentatives: '甲\n乙\n丙\n丁\n戊\n己' },
      messages,
      clock,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual(['groupRepresentatives']);
  });

  test('server field paths find their inputs', () => {
    expect(formKeyOfPath('respondent.staffName')).toBe('respondentStaffName');
    expect(formKeyOfPath('complainant.groupRepresentatives.3')).toBe('groupRepresentatives');
    expect(formKeyOfPath('complainant.agentAuthorisation')).toBe('agentAuthorisation');
    expect(formKeyOfPath('classification.insuranceLine')).toBe('insuranceLine');
    expect(representativesOf(' 甲 ，乙,,\n')).toEqual(['甲', '乙']);
  });
});

describe('the shared rules', () => {
  test('an authorisation without an agent is refused where services and imports check too', () => {
    const registration = caseRegistrationSchema.parse({
      receivedAt: clock.now - 1000,
      request: '诉求',
      complainant: { kind: 'person', name: '张三', agentAuthorisation: '一般授权' },
      classification: { channelCode: 'A01', businessCode: 'B01', causeCode: 'C01' },
    });
    expect(registrationProblems(registration, clock.now)).toEqual({
      'complainant.agentAuthorisation': 'cases.validation.authorisationNeedsAgent',
    });
  });
});
