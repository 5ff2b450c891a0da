import type { CaseRegistrationInput } from '../../shared/domain/case';
import { NOW } from './archive-fixture';

/** A valid GB 11643 resident ID (check digit X) and a second one, for duplicate tests. */
export const VALID_ID = '11010519491231002X';
export const OTHER_VALID_ID = '440524188001010014';
export const DAY = 86_400_000;

type Overrides = Omit<Partial<CaseRegistrationInput>, 'complainant' | 'classification'> & {
  complainant?: Partial<CaseRegistrationInput['complainant']>;
  classification?: Partial<CaseRegistrationInput['classification']>;
};

/** A complete, valid registration; tests override what they are about. */
export function registration(overrides: Overrides = {}): CaseRegistrationInput {
  const { complainant, classification, ...rest } = overrides;
  return {
    receivedAt: NOW - 3_600_000,
    request: '信用卡年费未经同意被扣收，要求退还年费并道歉',
    facts: '客户称从未开通该卡的收费服务。',
    productName: '白金信用卡',
    accountNumber: '6222020200112233',
    amountFen: 60_000,
    priority: 'ordinary',
    ...rest,
    complainant: {
      kind: 'person',
      name: '张三',
      idType: 'resident_id',
      idNumber: VALID_ID,
      phone: '13812345678',
      ...complainant,
    },
    classification: { channelCode: 'A01', businessCode: 'B03', causeCode: 'C01', ...classification },
  };
}
