import { defineMessages } from './define';

/** The audit screen and its export (namespace `audit`): columns and the names of what happened. */
export const auditMessages = defineMessages(
  {
    sheet: '审计记录',
    columns: { at: '时间', user: '用户', action: '操作', caseNo: '投诉编号', detail: '详情' },
    actions: {
      'case.opened': '查阅投诉',
      'case.printed': '打印登记表',
      'attachment.opened': '查阅/下载附件',
      'attachment.downloaded': '下载附件',
      'letter.printed': '打印告知书',
      'cases.exported': '导出投诉数据',
      'case.letter_printed': '打印告知书',
      'case.letter_sent': '告知书送达',
      'export.xlsx': '导出 Excel',
      'export.csv': '导出 CSV',
      'export.pdf': '导出 PDF 报告',
      'export.audit_xlsx': '导出审计记录',
      'letters.template_saved': '修改告知书模板',
      'taxonomy.changed': '修改分类代码',
      'denominator.set': '设置分母数据',
      'denominator.deleted': '删除分母数据',
    },
  },
  {
    sheet: 'Audit log',
    columns: { at: 'Time', user: 'User', action: 'Action', caseNo: 'Case number', detail: 'Details' },
    actions: {
      'case.opened': 'Case opened',
      'case.printed': 'Case sheet printed',
      'attachment.opened': 'Attachment opened/downloaded',
      'attachment.downloaded': 'Attachment downloaded',
      'letter.printed': 'Letter printed',
      'cases.exported': 'Case data exported',
      'case.letter_printed': 'Letter printed',
      'case.letter_sent': 'Letter delivered',
      'export.xlsx': 'Excel export',
      'export.csv': 'CSV export',
      'export.pdf': 'PDF report export',
      'export.audit_xlsx': 'Audit log export',
      'letters.template_saved': 'Letter template changed',
      'taxonomy.changed': 'Taxonomy changed',
      'denominator.set': 'Denominator set',
      'denominator.deleted': 'Denominator deleted',
    },
  },
);
