import { describe, expect, it } from 'vitest';
import { isValidPhone, registrationProblems } from '../../../shared/domain/registration-rules';

/**
 * Phone formats people really write in ledgers and forms. A mobile number grouped 3-4-4 with
 * dashes (`139-0013-7000`) is as common in branch ledgers as one grouped with spaces; refusing it
 * made an import of such a ledger reject every row that held one.
 */
describe('isValidPhone', () => {
  it.each([
    '13800138000',
    '138 0013 8000',
    '138-0013-8000',
    '+86 138 0013 8000',
    '+86-138-0013-8000',
    '86 13800138000',
    '(010) 12345678',
    '010-12345678',
    '0755-1234567-12',
    '12345678',
    '400-123-4567',
    '+44 20 7946 0958',
  ])('accepts %s', (phone) => {
    expect(isValidPhone(phone)).toBe(true);
  });

  it.each(['12345', '1380013800', '138-0013-80000', '23800138000', '138--0013-8000', '138-00138000-', 'abc'])(
    'refuses %s',
    (phone) => {
      expect(isValidPhone(phone)).toBe(false);
    },
  );

  it('a dashed mobile on a registration is no problem', () => {
    const problems = registrationProblems(
      { complainant: { kind: 'person', name: '王五', phone: '139-0013-7000' } as never },
      Date.now(),
    );
    expect(problems).toEqual({});
  });
});
