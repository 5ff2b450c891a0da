import { defineMessages } from './define';

/** The command line's case-work commands (main/cli/commands/casework.ts). */
export const cliCaseWorkMessages = defineMessages(
  {
    help: {
      group: '溯源整改、联系记录、转办/协办和客户投诉历史',
      rootCause: '认定问题根源（JSON：internalCause、rootCause）',
      rectify: '新增整改措施（JSON：what、department、owner、dueDate）',
      moveRectification: '推进整改措施状态（planned → in_progress → done → verified）',
      overdue: '列出逾期未完成的整改措施',
      contact: '记录一次联系客户（JSON：contactDate、method、contactedBy、summary、outcome）',
      refer:
        '转办或协办（JSON：kind、toDepartment、assignee、task、dueDate；转其他分支机构即移交：redress sync transfer）',
      moveReferral: '推进转办/协办状态（sent → accepted → answered → closed）',
      show: '显示案件的整改措施、联系记录和转办/协办',
      customer: '显示同一投诉人的全部投诉',
      evidence: '整改证明（完成时必填）',
      answer: '回复内容（回复时必填）',
      note: '备注',
    },
    done: '已保存（ID {{id}}）。',
    rootCauseSet: '已认定问题根源。',
    none: '没有记录。',
    rectifications: '整改措施',
    contacts: '联系记录',
    referrals: '转办/协办',
    earlier: '该投诉人共有 {{total}} 件其他投诉。',
    badStatus: '未知状态：{{name}}',
    notFound: '没有这条记录：{{id}}',
  },
  {
    help: {
      group: 'rectification, the contact log, referrals and the customer’s history',
      rootCause: 'record the root cause (JSON: internalCause, rootCause)',
      rectify: 'add a rectification action (JSON: what, department, owner, dueDate)',
      moveRectification: 'move a rectification action on (planned → in_progress → done → verified)',
      overdue: 'list rectification actions past their due date',
      contact: 'log a contact with the customer (JSON: contactDate, method, contactedBy, summary, outcome)',
      refer:
        'refer or add a co-handler (JSON: kind, toDepartment, assignee, task, dueDate; another branch is a transfer: redress sync transfer)',
      moveReferral: 'move a referral on (sent → accepted → answered → closed)',
      show: 'show a case’s rectification actions, contacts and referrals',
      customer: 'show every case of the same complainant',
      evidence: 'evidence of what was done (required for done)',
      answer: 'the answer (required for answered)',
      note: 'a note',
    },
    done: 'Saved (id {{id}}).',
    rootCauseSet: 'Root cause recorded.',
    none: 'Nothing recorded.',
    rectifications: 'Rectification actions',
    contacts: 'Contacts',
    referrals: 'Referrals',
    earlier: 'This complainant has {{total}} other cases.',
    badStatus: 'Unknown status: {{name}}',
    notFound: 'No such record: {{id}}',
  },
);
