import { defineMessages } from './define';

/** Borrowing archived cases (namespace `borrowing`): the request form, the approvals, validation. */
export const borrowingMessages = defineMessages(
  {
    validation: {
      reason: '请写明借阅理由（至少 2 个字）。',
      days: '借阅天数为 1 到 90 天。',
      notArchived: '只有已归档的投诉需要借阅。',
      ownRequest: '不能批准自己的借阅申请，请由另一位主管审批。',
    },
    request: {
      title: '借阅已归档投诉',
      intro: '已归档投诉需经主管批准借阅后才能查阅，借阅期满自动停止。',
      reason: '借阅理由',
      days: '借阅天数',
      submit: '提交借阅申请',
      pending: '借阅申请已提交（{{when}}），等待主管批准。',
      refused: '借阅申请未获批准：{{note}}',
    },
    list: {
      title: '借阅申请',
      empty: '没有借阅申请。',
      caseNo: '投诉编号',
      requester: '申请人',
      reason: '理由',
      days: '天数',
      status: '状态',
      approve: '批准',
      refuse: '不批准',
      statuses: { requested: '待审批', approved: '已批准', refused: '未批准' },
      until: '至 {{when}}',
    },
  },
  {
    validation: {
      reason: 'Give a reason for borrowing (at least 2 characters).',
      days: 'Borrow for 1 to 90 days.',
      notArchived: 'Only archived cases are borrowed.',
      ownRequest: 'You cannot approve your own request; another supervisor must decide.',
    },
    request: {
      title: 'Borrow an archived case',
      intro:
        'An archived case can be read once a supervisor approves a borrowing request; access ends with the period.',
      reason: 'Reason',
      days: 'Days',
      submit: 'Request to borrow',
      pending: 'Borrowing requested ({{when}}); waiting for a supervisor.',
      refused: 'The request was refused: {{note}}',
    },
    list: {
      title: 'Borrowing requests',
      empty: 'No borrowing requests.',
      caseNo: 'Case number',
      requester: 'Requested by',
      reason: 'Reason',
      days: 'Days',
      status: 'Status',
      approve: 'Approve',
      refuse: 'Refuse',
      statuses: { requested: 'Waiting', approved: 'Approved', refused: 'Refused' },
      until: 'until {{when}}',
    },
  },
);
