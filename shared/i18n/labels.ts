import { defineMessages } from './define';
import type {
  COMPLAINANT_KINDS,
  ID_TYPES,
  PRIORITIES,
  RESOLUTION_TYPES,
  SATISFACTION_LEVELS,
} from '../domain/case';
import type { INTAKE_METHODS, INTERNAL_CAUSES } from '../domain/case-codes';
import type { CASE_ACTIONS, CASE_STATUSES } from '../domain/status';
import type { ROLES } from '../domain/roles';
import type { TaxonomyScheme } from '../domain/taxonomy';
import type { DOCUMENT_KINDS, RETENTION_CLASSES } from '../domain/retention';
import type { DISPOSAL_BATCH_KINDS, DISPOSAL_BATCH_STATUSES } from '../domain/disposal';
import type { CONTACT_METHODS, CONTACT_OUTCOMES } from '../domain/contacts';
import type { RECTIFICATION_STATUSES } from '../domain/rectification';
import type { REFERRAL_KINDS, REFERRAL_STATUSES } from '../domain/referrals';
import type { REMINDER_KINDS } from '../domain/reminders';

/**
 * THE label of every domain enum value shown to people, in zh-CN and en. Other namespaces
 * (ui-common, ui-detail, analytics, domain, case-work) re-export these groups under their old keys
 * instead of keeping copies, so the screen, the charts, the exports and the command line can never
 * word the same value two ways. Wording follows DOMAIN.md and the regulator's usage (不予受理 for
 * a case not accepted; 不予支持 for a complaint whose request is not upheld; 赔礼道歉).
 * The `satisfies` clauses make the compiler refuse a missing value; defineMessages a missing
 * language; test/shared/i18n/labels.test.ts checks both at run time and hunts for stray copies.
 */
type Labels<T extends readonly string[]> = Record<T[number], string>;

const zh = {
  statuses: {
    registered: '已登记',
    accepted: '已受理',
    rejected: '不予受理',
    investigating: '调查中',
    resolution_proposed: '已拟定方案',
    customer_informed: '已告知客户',
    follow_up: '回访中',
    closed: '已办结',
    archived: '已归档',
    withdrawn: '已撤诉',
    escalated: '已升级',
    review_requested: '核查中',
    reopened: '已重启',
    merged: '已合并',
  } satisfies Labels<typeof CASE_STATUSES>,
  actions: {
    accept: '受理',
    reject: '不予受理',
    assign: '指派处理人',
    start_investigation: '开始调查',
    pause_clock: '暂停计时',
    resume_clock: '恢复计时',
    extend: '延期',
    propose_resolution: '拟定处理方案',
    inform_customer: '告知客户',
    record_follow_up: '登记回访',
    close: '办结',
    archive: '归档',
    withdraw: '撤诉',
    escalate: '升级',
    request_review: '申请核查',
    reopen: '重启',
    merge: '合并',
    annotate: '批注',
    edit: '编辑',
  } satisfies Labels<typeof CASE_ACTIONS>,
  resolutionTypes: {
    explanation: '解释说明',
    refund: '退款',
    compensation: '赔偿',
    service_remedy: '服务补救',
    apology: '赔礼道歉',
    rejected: '不予支持',
  } satisfies Labels<typeof RESOLUTION_TYPES>,
  priorities: { urgent: '紧急', major: '重大', ordinary: '一般' } satisfies Labels<typeof PRIORITIES>,
  satisfaction: {
    very_satisfied: '非常满意',
    satisfied: '满意',
    neutral: '一般',
    dissatisfied: '不满意',
    very_dissatisfied: '非常不满意',
  } satisfies Labels<typeof SATISFACTION_LEVELS>,
  roles: {
    admin: '管理员',
    supervisor: '主管',
    handler: '处理人',
    clerk: '登记员',
    analyst: '分析员',
  } satisfies Labels<typeof ROLES>,
  intakeMethods: {
    phone: '来电',
    visit: '来访',
    letter: '来信',
    email: '电子邮件',
    online: '网络',
    regulator_transfer: '监管转办',
    hotline_12378: '12378 热线',
    hotline_12363: '12363 热线',
    media: '媒体',
    other: '其他',
  } satisfies Labels<typeof INTAKE_METHODS>,
  internalCauses: {
    process: '制度流程',
    system: '系统设备',
    staff: '人员行为',
    product: '产品设计',
    third_party: '第三方',
  } satisfies Labels<typeof INTERNAL_CAUSES>,
  idTypes: {
    resident_id: '居民身份证',
    passport: '护照',
    hk_macau_permit: '港澳居民来往内地通行证',
    taiwan_permit: '台湾居民来往大陆通行证',
    other: '其他证件',
  } satisfies Labels<typeof ID_TYPES>,
  complainantKinds: { person: '个人', organisation: '单位' } satisfies Labels<typeof COMPLAINANT_KINDS>,
  /** JR/T 0169 dimensions; A is the channel of the business complained about (业务渠道). */
  retentionClasses: {
    complaint: '投诉档案（办结后至少 3 年）',
    credit_reporting: '征信投诉（办结后至少 10 年）',
    permanent: '永久保存',
  } satisfies Labels<typeof RETENTION_CLASSES>,
  documentKinds: {
    evidence: '证据材料',
    agreement: '协议',
    judgment: '判决/裁决书',
    appraisal: '鉴定意见',
  } satisfies Labels<typeof DOCUMENT_KINDS>,
  disposalKinds: {
    retention: '保管期满销毁',
    pipl: '个人信息删除请求',
  } satisfies Labels<typeof DISPOSAL_BATCH_KINDS>,
  disposalStatuses: {
    proposed: '待批准',
    disposed: '已销毁',
    refused: '未批准',
  } satisfies Labels<typeof DISPOSAL_BATCH_STATUSES>,
  taxonomySchemes: {
    A: '业务渠道',
    B: '业务类别',
    C: '投诉原因',
    INS: '保险投诉类别',
    INS_LINE: '险种',
  } satisfies Record<TaxonomyScheme, string>,
  rectificationStatuses: {
    planned: '计划中',
    in_progress: '整改中',
    done: '已完成',
    verified: '已验证',
  } satisfies Labels<typeof RECTIFICATION_STATUSES>,
  contactMethods: {
    phone: '电话',
    visit: '面谈',
    letter: '信函',
    sms: '短信',
    email: '电子邮件',
  } satisfies Labels<typeof CONTACT_METHODS>,
  contactOutcomes: {
    informed: '已告知进展',
    accepted: '客户认可',
    not_accepted: '客户不认可',
    material_requested: '请客户补充材料',
    not_reached: '未联系上',
  } satisfies Labels<typeof CONTACT_OUTCOMES>,
  referralKinds: { referral: '转办', co_handling: '协办' } satisfies Labels<typeof REFERRAL_KINDS>,
  referralStatuses: {
    sent: '已发出',
    accepted: '已接收',
    answered: '已回复',
    closed: '已办结',
  } satisfies Labels<typeof REFERRAL_STATUSES>,
  reminderKinds: {
    deadline_overdue: '办理已逾期',
    rectification_overdue: '整改已逾期',
    follow_up_due: '待回访',
    deadline_soon: '即将到期',
    rectification_due: '整改即将到期',
    assigned: '分派给我待办理',
  } satisfies Labels<typeof REMINDER_KINDS>,
};

export const labelMessages = defineMessages(zh, {
  statuses: {
    registered: 'Registered',
    accepted: 'Accepted',
    rejected: 'Not accepted',
    investigating: 'Investigating',
    resolution_proposed: 'Resolution proposed',
    customer_informed: 'Customer informed',
    follow_up: 'Follow-up',
    closed: 'Closed',
    archived: 'Archived',
    withdrawn: 'Withdrawn',
    escalated: 'Escalated',
    review_requested: 'Under review',
    reopened: 'Reopened',
    merged: 'Merged',
  },
  actions: {
    accept: 'Accept',
    reject: 'Do not accept',
    assign: 'Assign handler',
    start_investigation: 'Start investigation',
    pause_clock: 'Pause clock',
    resume_clock: 'Resume clock',
    extend: 'Extend',
    propose_resolution: 'Propose resolution',
    inform_customer: 'Inform customer',
    record_follow_up: 'Record follow-up',
    close: 'Close',
    archive: 'Archive',
    withdraw: 'Withdraw',
    escalate: 'Escalate',
    request_review: 'Request review',
    reopen: 'Reopen',
    merge: 'Merge',
    annotate: 'Annotate',
    edit: 'Edit',
  },
  resolutionTypes: {
    explanation: 'Explanation',
    refund: 'Refund',
    compensation: 'Compensation',
    service_remedy: 'Service remedy',
    apology: 'Apology',
    rejected: 'Request not upheld',
  },
  priorities: { urgent: 'Urgent', major: 'Major', ordinary: 'Ordinary' },
  satisfaction: {
    very_satisfied: 'Very satisfied',
    satisfied: 'Satisfied',
    neutral: 'Neutral',
    dissatisfied: 'Dissatisfied',
    very_dissatisfied: 'Very dissatisfied',
  },
  roles: {
    admin: 'Administrator',
    supervisor: 'Supervisor',
    handler: 'Handler',
    clerk: 'Clerk',
    analyst: 'Analyst',
  },
  intakeMethods: {
    phone: 'Phone call',
    visit: 'Counter visit',
    letter: 'Letter',
    email: 'E-mail',
    online: 'Online',
    regulator_transfer: 'Regulator transfer',
    hotline_12378: '12378 hotline',
    hotline_12363: '12363 hotline',
    media: 'Media',
    other: 'Other',
  },
  internalCauses: {
    process: 'Process',
    system: 'System',
    staff: 'Staff',
    product: 'Product',
    third_party: 'Third party',
  },
  idTypes: {
    resident_id: 'Resident ID card',
    passport: 'Passport',
    hk_macau_permit: 'Mainland travel permit (HK/Macau)',
    taiwan_permit: 'Mainland travel permit (Taiwan)',
    other: 'Other ID',
  },
  complainantKinds: { person: 'Person', organisation: 'Organisation' },
  retentionClasses: {
    complaint: 'Complaint file (at least 3 years after closing)',
    credit_reporting: 'Credit-reporting complaint (at least 10 years after closing)',
    permanent: 'Kept permanently',
  },
  documentKinds: {
    evidence: 'Evidence',
    agreement: 'Agreement',
    judgment: 'Judgment or award',
    appraisal: 'Appraisal',
  },
  disposalKinds: {
    retention: 'Retention ended',
    pipl: 'Personal information deletion request',
  },
  disposalStatuses: {
    proposed: 'Awaiting approval',
    disposed: 'Disposed of',
    refused: 'Refused',
  },
  taxonomySchemes: {
    A: 'Business channel',
    B: 'Business',
    C: 'Cause',
    INS: 'Insurance category',
    INS_LINE: 'Insurance line',
  },
  rectificationStatuses: {
    planned: 'Planned',
    in_progress: 'In progress',
    done: 'Done',
    verified: 'Verified',
  },
  contactMethods: { phone: 'Phone', visit: 'Visit', letter: 'Letter', sms: 'SMS', email: 'E-mail' },
  contactOutcomes: {
    informed: 'Informed of progress',
    accepted: 'Customer agreed',
    not_accepted: 'Customer disagreed',
    material_requested: 'Material requested',
    not_reached: 'Not reached',
  },
  referralKinds: { referral: 'Referral', co_handling: 'Co-handling' },
  referralStatuses: { sent: 'Sent', accepted: 'Accepted', answered: 'Answered', closed: 'Closed' },
  reminderKinds: {
    deadline_overdue: 'Overdue',
    rectification_overdue: 'Rectification overdue',
    follow_up_due: 'Follow-up due',
    deadline_soon: 'Due soon',
    rectification_due: 'Rectification due soon',
    assigned: 'Assigned to me, not started',
  },
});

/** Short names for the namespaces that re-export a group under their historical key. */
export const L = { zh: labelMessages['zh-CN'], en: labelMessages.en };
