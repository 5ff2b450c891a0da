import { defineMessages } from './define';

/**
 * Records-office terms shared by services, exports and screens (namespace `records`): letter
 * kinds, send methods, validation keys that services put in `AppError.fields`.
 */
export const recordsMessages = defineMessages(
  {
    letters: {
      unknownPlaceholder: '模板中有不存在的占位符：{{names}}。请对照“可用的占位符”列表。',
      kinds: {
        acknowledgement: '受理告知书',
        refusal: '不予受理告知书',
        extension: '延期告知书',
        decision: '处理意见告知书（答复函）',
        follow_up: '回访记录',
      },
      methods: { in_person: '当面', post: '邮寄', sms: '短信', email: '电子邮件' },
      placeholders: {
        customerName: '客户姓名',
        caseNo: '投诉编号',
        receivedDate: '受理日期',
        dueDate: '答复期限',
        request: '投诉诉求',
        decisionNotice: '处理意见',
        reason: '理由/说明（出具时填写）',
        branchName: '机构名称',
        handlerName: '经办人',
        today: '出具日期',
      },
    },
  },
  {
    letters: {
      unknownPlaceholder:
        'The template uses placeholders that do not exist: {{names}}. See the list of placeholders.',
      kinds: {
        acknowledgement: 'Acknowledgement',
        refusal: 'Refusal to accept',
        extension: 'Extension notice',
        decision: 'Decision letter',
        follow_up: 'Follow-up record',
      },
      methods: { in_person: 'In person', post: 'Post', sms: 'SMS', email: 'Email' },
      placeholders: {
        customerName: 'Customer name',
        caseNo: 'Case number',
        receivedDate: 'Date received',
        dueDate: 'Reply due',
        request: 'Customer’s request',
        decisionNotice: 'Decision',
        reason: 'Reason / notes (entered when printing)',
        branchName: 'Branch name',
        handlerName: 'Handler',
        today: 'Date of the letter',
      },
    },
  },
);
