import { defineMessages } from './define';
import { L } from './labels';

/**
 * Case work beyond the lifecycle (issue 17, items 1–6): the intake method, the coded root cause
 * and rectification actions, the contact log, referrals, the customer's history and suggested
 * codes. Enum labels (re-exported from the one label table, labels.ts), field errors
 * (`casework.validation.<key>`) and history event names.
 */
const zh = {
  intakeMethods: L.zh.intakeMethods,
  internalCauses: L.zh.internalCauses,
  rectificationStatuses: L.zh.rectificationStatuses,
  contactMethods: L.zh.contactMethods,
  contactOutcomes: L.zh.contactOutcomes,
  referralKinds: L.zh.referralKinds,
  referralStatuses: L.zh.referralStatuses,
  validation: {
    stepSkipped: '状态只能逐步推进，不能跳过步骤。',
    evidenceRequired: '完成整改需填写整改证明。',
    answerRequired: '回复时需填写回复内容。',
    targetRequired: '请填写承办部门。',
    branchUnknown: '没有此机构代码。',
    branchIsTransfer: '转办到其他分支机构即案件移交：请由主管在案件页“移交其他机构”。',
    contactUnknown: '该案件没有这条联系记录。',
    dateInvalid: '日期无效。',
    dateInFuture: '日期不能晚于今天。',
  },
  events: {
    'case.root_cause_set': '认定问题根源',
    'case.rectification_added': '新增整改措施',
    'case.rectification_moved': '整改措施状态变更',
    'case.contact_logged': '联系客户',
    'case.referral_added': '转办/协办',
    'case.referral_moved': '转办/协办状态变更',
  },
};

const en: typeof zh = {
  intakeMethods: L.en.intakeMethods,
  internalCauses: L.en.internalCauses,
  rectificationStatuses: L.en.rectificationStatuses,
  contactMethods: L.en.contactMethods,
  contactOutcomes: L.en.contactOutcomes,
  referralKinds: L.en.referralKinds,
  referralStatuses: L.en.referralStatuses,
  validation: {
    stepSkipped: 'A status moves one step at a time; steps cannot be skipped.',
    evidenceRequired: 'Record the evidence of what was done.',
    answerRequired: 'Record the answer.',
    targetRequired: 'Name the department that takes it on.',
    branchUnknown: 'There is no branch with this code.',
    branchIsTransfer:
      'A referral to another branch is a case transfer: a supervisor uses "Transfer to another branch" on the case page.',
    contactUnknown: 'This case has no such contact.',
    dateInvalid: 'Not a valid date.',
    dateInFuture: 'The date cannot be after today.',
  },
  events: {
    'case.root_cause_set': 'Root cause recorded',
    'case.rectification_added': 'Rectification action added',
    'case.rectification_moved': 'Rectification action moved on',
    'case.contact_logged': 'Customer contacted',
    'case.referral_added': 'Referred / co-handler added',
    'case.referral_moved': 'Referral moved on',
  },
};

export const caseWorkMessages = defineMessages(zh, en);

export type CaseWorkValidationKey = keyof typeof zh.validation;

/** The key a service puts in an AppError's `fields` for a field problem. */
export function caseWorkFieldError(key: CaseWorkValidationKey): string {
  return `casework.validation.${key}`;
}
