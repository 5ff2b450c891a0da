import { defineMessages } from './define';

/**
 * Records retention and disposal terms shared by services, the CLI and screens (namespace
 * `retention`): validation keys services put in `AppError.fields`, why a case cannot be disposed of.
 * Enum labels (categories, document kinds, batch kinds and statuses) live in labels.ts.
 */
export const retentionMessages = defineMessages(
  {
    certificate: {
      title: '投诉档案销毁清单',
      batch: '批次',
      kind: '销毁类型',
      reason: '依据/说明',
      branch: '机构',
      proposedBy: '提出人',
      approvedBy: '批准人',
      proposedAt: '提出时间',
      approvedAt: '批准并销毁时间',
      note: '批准意见',
      count: '共 {{count}} 件',
      columns: {
        index: '序号',
        caseNo: '投诉编号',
        business: '业务类别',
        retention: '保管类别',
        closed: '办结日期',
        retainUntil: '保管期满',
        attachments: '附件数',
        digest: '销毁内容摘要（SHA-256）',
      },
      destroyed:
        '已销毁：投诉人及代理人的个人信息、投诉诉求与事实叙述、调查与处理记录中的文字、全部附件及其在检索索引中的内容。',
      kept: '保留（匿名统计外壳）：投诉编号、分类代码、日期、处理结果与时效，以保证统计数据不变。',
      signatures: '提出人签字：__________　　批准人签字：__________　　监销人签字：__________',
      none: '—',
    },
    validation: {
      piplReasonRequired: '请填写个人信息删除请求的来源和依据（如申请人、日期、编号）。',
      holdReasonRequired: '请填写保全原因（如诉讼案号、监管调查文号）。',
      liftReasonRequired: '请填写解除保全的原因。',
      yearsTooShort: '不能短于最低期限 {{years}} 年。',
    },
    why: {
      open: '案件尚未办结',
      notPast: '尚未届满保管期限（{{retainUntil}} 起方可销毁）',
      permanent: '含有协议、判决或鉴定意见，须永久保存',
      disposed: '已经销毁',
      inBatch: '已在另一个待批准的销毁批次中',
      held: '处于保全中',
      transferUnsynced: '已移交其他机构，移交尚未同步到总部（请先同步）',
    },
  },
  {
    certificate: {
      title: 'Complaint file disposal certificate',
      batch: 'Batch',
      kind: 'Kind',
      reason: 'Grounds / note',
      branch: 'Branch',
      proposedBy: 'Proposed by',
      approvedBy: 'Approved by',
      proposedAt: 'Proposed at',
      approvedAt: 'Approved and disposed at',
      note: 'Approval note',
      count: 'Cases: {{count}}',
      columns: {
        index: 'No.',
        caseNo: 'Case number',
        business: 'Business code',
        retention: 'Retention',
        closed: 'Closed',
        retainUntil: 'Retained until',
        attachments: 'Attachments',
        digest: 'Digest of what was destroyed (SHA-256)',
      },
      destroyed:
        'Destroyed: personal information of complainants and agents, request and fact narratives, texts of investigation and handling records, all attachments and their entries in the search index.',
      kept: 'Kept (anonymous statistical shell): case number, classification codes, dates, outcome and timeliness, so statistics do not change.',
      signatures: 'Proposer: __________    Approver: __________    Witness: __________',
      none: '—',
    },
    validation: {
      piplReasonRequired: 'Say whose request this is and on what grounds (requester, date, reference).',
      holdReasonRequired: 'Give the reason for the hold (court case number, regulator reference).',
      liftReasonRequired: 'Give the reason for lifting the hold.',
      yearsTooShort: 'Cannot be shorter than the minimum of {{years}} years.',
    },
    why: {
      open: 'the case is not closed',
      notPast: 'its retention period has not ended (disposable from {{retainUntil}})',
      permanent: 'it holds an agreement, judgment or appraisal, which is kept permanently',
      disposed: 'it has already been disposed of',
      inBatch: 'it is already in another batch waiting for approval',
      held: 'it is under a legal hold',
      transferUnsynced:
        'it was transferred to another branch and the transfer has not reached head office yet (sync first)',
    },
  },
);
