import { defineMessages } from './define';
import type {
  COMPLAINANT_KINDS,
  ID_TYPES,
  PRIORITIES,
  RESOLUTION_TYPES,
  SATISFACTION_LEVELS,
} from '../domain/case';
import type { Role } from '../domain/roles';
import type { TaxonomyScheme } from '../domain/taxonomy';

/**
 * Labels of the domain's enumerations, for every place outside React that shows them (exports,
 * reports, the command line), and the field errors of the taxonomy and holiday services
 * (`domain.validation.<key>`). The `satisfies` clauses make the compiler refuse a missing value.
 */
type Labels<T extends readonly string[]> = Record<T[number], string>;

const zh = {
  priorities: { urgent: '紧急', major: '重大', ordinary: '一般' } satisfies Labels<typeof PRIORITIES>,
  resolutionTypes: {
    explanation: '解释说明',
    refund: '退款',
    compensation: '赔偿',
    service_remedy: '服务补救',
    apology: '赔礼道歉',
    rejected: '不支持诉求',
  } satisfies Labels<typeof RESOLUTION_TYPES>,
  satisfaction: {
    very_satisfied: '非常满意',
    satisfied: '满意',
    neutral: '一般',
    dissatisfied: '不满意',
    very_dissatisfied: '非常不满意',
  } satisfies Labels<typeof SATISFACTION_LEVELS>,
  idTypes: {
    resident_id: '居民身份证',
    passport: '护照',
    hk_macau_permit: '港澳居民来往内地通行证',
    taiwan_permit: '台湾居民来往大陆通行证',
    other: '其他证件',
  } satisfies Labels<typeof ID_TYPES>,
  complainantKinds: { person: '个人', organisation: '单位' } satisfies Labels<typeof COMPLAINANT_KINDS>,
  roles: {
    admin: '管理员',
    supervisor: '主管',
    handler: '处理人',
    clerk: '登记员',
    analyst: '分析员',
  } satisfies Record<Role, string>,
  taxonomySchemes: {
    A: '业务渠道',
    B: '业务类别',
    C: '投诉原因',
    INS: '保险投诉类别',
    INS_LINE: '险种',
  } satisfies Record<TaxonomyScheme, string>,
  events: { 'taxonomy.changed': '修改投诉分类', 'holidays.changed': '修改节假日日历' },
  validation: {
    parentMissing: '上级分类不存在或已停用。',
    tooDeep: '分类最多三级。',
    codeTaken: '该代码已存在。',
    codeInvalid: '代码须以上级代码开头，由大写字母和数字组成。',
    noFreeCode: '该上级分类下已无可用代码。',
    notFound: '分类代码不存在。',
    holidayDateInvalid: '请输入有效日期（YYYY-MM-DD）。',
  },
};

export const domainMessages = defineMessages(zh, {
  priorities: { urgent: 'Urgent', major: 'Major', ordinary: 'Ordinary' },
  resolutionTypes: {
    explanation: 'Explanation',
    refund: 'Refund',
    compensation: 'Compensation',
    service_remedy: 'Service remedy',
    apology: 'Apology',
    rejected: 'Request not upheld',
  },
  satisfaction: {
    very_satisfied: 'Very satisfied',
    satisfied: 'Satisfied',
    neutral: 'Neutral',
    dissatisfied: 'Dissatisfied',
    very_dissatisfied: 'Very dissatisfied',
  },
  idTypes: {
    resident_id: 'Resident ID card',
    passport: 'Passport',
    hk_macau_permit: 'Mainland travel permit (HK/Macau)',
    taiwan_permit: 'Mainland travel permit (Taiwan)',
    other: 'Other ID',
  },
  complainantKinds: { person: 'Person', organisation: 'Organisation' },
  roles: {
    admin: 'Administrator',
    supervisor: 'Supervisor',
    handler: 'Handler',
    clerk: 'Clerk',
    analyst: 'Analyst',
  },
  taxonomySchemes: {
    A: 'Business channel',
    B: 'Business',
    C: 'Cause',
    INS: 'Insurance category',
    INS_LINE: 'Insurance line',
  },
  events: { 'taxonomy.changed': 'Classification changed', 'holidays.changed': 'Holiday calendar changed' },
  validation: {
    parentMissing: 'The parent class does not exist or is retired.',
    tooDeep: 'Classes go at most three levels deep.',
    codeTaken: 'This code already exists.',
    codeInvalid: "A code starts with its parent's code and has only capital letters and digits.",
    noFreeCode: 'No free code is left under this parent.',
    notFound: 'No such classification code.',
    holidayDateInvalid: 'Enter a valid date (YYYY-MM-DD).',
  },
});

export type TaxonomyErrorKey = keyof typeof zh.validation;

/** The key the taxonomy service puts in an AppError's `fields`. */
export function taxonomyFieldError(key: TaxonomyErrorKey): string {
  return `domain.validation.${key}`;
}
