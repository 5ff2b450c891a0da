import { defineMessages } from './define';

/**
 * Messages of the case services: field errors (AppError VALIDATION `fields` carry these keys as
 * `cases.validation.<key>`), duplicate reasons, built-in saved views and history event names.
 */
export const casesMessages = defineMessages(
  {
    validation: {
      required: '此项必填。',
      tooLong: '内容过长。',
      tooShort: '内容过短。',
      invalid: '格式不正确。',
      wrongType: '类型不正确。',
      expectedText: '类型不正确：应为文字（加引号）。',
      expectedNumber: '类型不正确：应为数字。',
      expectedBoolean: '类型不正确：应为 true 或 false。',
      expectedObject: '类型不正确：应为对象 {…}。',
      expectedList: '类型不正确：应为列表 […]。',
      bidiControl: '不能包含改变文字方向的控制字符（如 U+202E），这类字符会让号码或姓名显示成别的样子。',
      phoneInvalid: '电话号码格式不正确（手机 11 位，固话如 010-12345678）。',
      handlerNotEligible: '只能指派本机构在职、可办理投诉的人员。',
      idNumberInvalid: '居民身份证号码不正确（18 位，末位校验码不符）。',
      creditCodeInvalid: '统一社会信用代码应为 18 位数字或大写字母。',
      codeInactive: '该分类代码不存在或已停用。',
      receivedInFuture: '接收时间不能晚于当前时间。',
      representativesNeedGroup: '只有群体性投诉才能填写代表人。',
      authorisationNeedsAgent: '填写授权委托情况前，请先填写代理人。',
      organisationNeedsName: '机构投诉人需填写名称。',
      fileTooLarge: '附件不能超过 {{maxMb}} MB。',
      fileEmpty: '附件为空。',
      viewNameTaken: '已有同名视图。',
      mergeSelf: '不能合并到案件自身。',
      mergeTargetClosed: '只能合并到未结案件。',
    },
    duplicateReasons: {
      same_id_number: '证件号码相同',
      same_phone: '联系电话相同',
      same_account: '账号/保单号相同',
      similar_text: '诉求内容相似',
    },
    views: {
      my_open: '我的待办',
      due_this_week: '本周到期',
      overdue: '已逾期',
      all_open: '全部未结',
    },
    events: {
      'case.registered': '登记',
      'case.edited': '修改登记信息',
      'case.annotated': '批注',
      'case.attachment_added': '添加附件',
      'case.merged': '合并至其他案件',
      'case.merge_received': '并入重复投诉',
    },
  },
  {
    validation: {
      required: 'This field is required.',
      tooLong: 'Too long.',
      tooShort: 'Too short.',
      invalid: 'Not in a valid format.',
      wrongType: 'Wrong type.',
      expectedText: 'Wrong type: expected text (in quotes).',
      expectedNumber: 'Wrong type: expected a number.',
      expectedBoolean: 'Wrong type: expected true or false.',
      expectedObject: 'Wrong type: expected an object {…}.',
      expectedList: 'Wrong type: expected a list […].',
      bidiControl:
        'Must not contain text-direction control characters (such as U+202E), which make a number or name display as something else.',
      phoneInvalid: 'Not a valid phone number (mobile: 11 digits; landline e.g. 010-12345678).',
      handlerNotEligible: 'Only an active colleague of this branch who handles complaints can be assigned.',
      idNumberInvalid: 'Not a valid resident ID number (18 characters, check digit must match).',
      creditCodeInvalid: 'A unified social credit code is 18 digits or capital letters.',
      codeInactive: 'This classification code does not exist or is retired.',
      receivedInFuture: 'The time received cannot be in the future.',
      representativesNeedGroup: 'Only a group complaint names representatives.',
      authorisationNeedsAgent: 'Name the agent before their authorisation.',
      organisationNeedsName: 'An organisation complainant needs a name.',
      fileTooLarge: 'Attachments may be at most {{maxMb}} MB.',
      fileEmpty: 'The attachment is empty.',
      viewNameTaken: 'A view with this name already exists.',
      mergeSelf: 'A case cannot be merged into itself.',
      mergeTargetClosed: 'A case can only be merged into an open case.',
    },
    duplicateReasons: {
      same_id_number: 'Same ID number',
      same_phone: 'Same phone number',
      same_account: 'Same account or policy number',
      similar_text: 'Similar request',
    },
    views: {
      my_open: 'My open cases',
      due_this_week: 'Due this week',
      overdue: 'Overdue',
      all_open: 'All open cases',
    },
    events: {
      'case.registered': 'Registered',
      'case.edited': 'Registration edited',
      'case.annotated': 'Annotated',
      'case.attachment_added': 'Attachment added',
      'case.merged': 'Merged into another case',
      'case.merge_received': 'Duplicate merged in',
    },
  },
);

type ValidationKey = keyof (typeof casesMessages)['zh-CN']['validation'];

/** The key a service puts in an AppError's `fields` for a field problem. */
export function caseFieldError(key: ValidationKey): string {
  return `cases.validation.${key}`;
}
