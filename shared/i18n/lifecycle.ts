import { defineMessages } from './define';

/**
 * Messages of the case lifecycle (shared/domain/lifecycle.ts): field errors that a refused
 * transition carries as `lifecycle.validation.<key>`, and the names of its history events.
 */
export const lifecycleMessages = defineMessages(
  {
    validation: {
      handlerRequired: '请先指派处理人。',
      satisfactionRequired: '请先记录回访满意度。',
      neverInformed: '尚未向客户告知处理决定。',
      dateInFuture: '日期不能晚于今天。',
      dateTooEarly: '日期早于允许的最早日期（接收、暂停或告知之日）。',
      extensionStep: '延期只能由 15 天延至 30 天，再由 30 天延至 60 天。',
      customerMustBeInformed: '延至 60 天须已告知客户。',
      decisionNoticeTooShort: '处理决定须写明核实过程、依据及核查、调解、仲裁、诉讼等救济途径。',
      amountRequired: '退款或赔偿须填写金额。',
      reviewWindowPassed: '已超过收到处理决定后 30 天的核查申请期限。',
      invalidDate: '请输入有效日期（YYYY-MM-DD）。',
      declarationByHandler: '回避声明须由承办人本人在开始调查时作出。',
    },
    events: {
      'case.accepted': '受理',
      'case.rejected': '不予受理',
      'case.assigned': '指派处理人',
      'case.investigation_started': '开始调查',
      'case.clock_paused': '暂停计时',
      'case.clock_resumed': '恢复计时',
      'case.extended': '延长处理期限',
      'case.resolution_proposed': '拟定处理方案',
      'case.customer_informed': '告知客户',
      'case.follow_up_recorded': '记录回访',
      'case.closed': '办结',
      'case.archived': '归档',
      'case.withdrawn': '撤诉',
      'case.escalated': '升级处理',
      'case.review_requested': '申请核查',
      'case.reopened': '重启',
      'case.merged': '合并至其他案件',
      'case.annotated': '批注',
    },
  },
  {
    validation: {
      handlerRequired: 'Assign a handler first.',
      satisfactionRequired: 'Record the follow-up satisfaction first.',
      neverInformed: 'The customer has not been informed of a decision.',
      dateInFuture: 'The date cannot be later than today.',
      dateTooEarly: 'The date is earlier than allowed (receipt, pause or decision date).',
      extensionStep: 'A deadline is extended from 15 to 30 days, then from 30 to 60 days.',
      customerMustBeInformed: 'Extending to 60 days requires that the customer has been informed.',
      decisionNoticeTooShort:
        'The decision notice must state how it was verified, its basis, and the remedies still open (review, mediation, arbitration, litigation).',
      amountRequired: 'A refund or compensation needs an amount.',
      reviewWindowPassed: 'The 30-day window for requesting a review has passed.',
      invalidDate: 'Enter a valid date (YYYY-MM-DD).',
      declarationByHandler:
        'The conflict-of-interest declaration is made by the assigned handler, when starting the investigation.',
    },
    events: {
      'case.accepted': 'Accepted',
      'case.rejected': 'Not accepted',
      'case.assigned': 'Handler assigned',
      'case.investigation_started': 'Investigation started',
      'case.clock_paused': 'Clock paused',
      'case.clock_resumed': 'Clock resumed',
      'case.extended': 'Deadline extended',
      'case.resolution_proposed': 'Resolution proposed',
      'case.customer_informed': 'Customer informed',
      'case.follow_up_recorded': 'Follow-up recorded',
      'case.closed': 'Closed',
      'case.archived': 'Archived',
      'case.withdrawn': 'Withdrawn',
      'case.escalated': 'Escalated',
      'case.review_requested': 'Review requested',
      'case.reopened': 'Reopened',
      'case.merged': 'Merged into another case',
      'case.annotated': 'Annotated',
    },
  },
);

export type LifecycleValidationKey = keyof (typeof lifecycleMessages)['zh-CN']['validation'];

/** The key a refused transition puts in its `fields` (localised by shared/ipc/validation.ts). */
export function lifecycleFieldError(key: LifecycleValidationKey): string {
  return `lifecycle.validation.${key}`;
}
