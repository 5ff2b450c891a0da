import type { ImportField } from '../../../shared/domain/import';
import { normaliseHeader } from './compile-mapping';

/**
 * Header words that name a field, in Chinese and English (branch ledgers, CFPB old and new).
 * Compared after lower-casing and removing spaces, underscores, hyphens and a trailing "?".
 */
const SYNONYMS: Record<ImportField, readonly string[]> = {
  externalId: ['complaintid', '投诉编号', '工单号', '编号', '外部编号', '流水号', 'id', 'caseid', 'ticketid'],
  'complainant.name': [
    '投诉人',
    '姓名',
    '客户名称',
    '客户姓名',
    '投诉人姓名',
    '消费者',
    'name',
    'customername',
    'complainant',
  ],
  'complainant.phone': ['电话', '联系电话', '手机', '手机号', '联系方式', 'phone', 'mobile', 'telephone'],
  'complainant.idNumber': ['证件号码', '身份证号', '身份证号码', 'idnumber'],
  'complainant.address': ['地址', '联系地址', '住址', 'address', 'state', 'zipcode', 'zip'],
  'complainant.isElderly': ['老年客户', '是否老年人', 'elderly'],
  request: ['诉求', '投诉诉求', '投诉内容', '问题', 'issue', 'subissue', 'request'],
  facts: ['事实经过', '投诉事由', '经过', '情况说明', 'consumercomplaintnarrative', 'narrative', 'facts'],
  grounds: ['理由', '依据', 'grounds'],
  productName: ['产品', '产品名称', '业务品种', 'product', 'subproduct'],
  accountNumber: ['账号', '卡号', '保单号', '账户', 'account', 'accountnumber', 'policynumber'],
  amount: ['金额', '涉及金额', '涉案金额', 'amount'],
  receivedAt: [
    '受理日期',
    '投诉日期',
    '接收日期',
    '登记日期',
    '日期',
    'datereceived',
    'receivedat',
    'received',
  ],
  channelCode: ['投诉渠道', '渠道', '来源', 'submittedvia', 'channel'],
  businessCode: ['业务类别', '业务类型', '业务分类', 'business'],
  causeCode: ['投诉原因', '原因', '原因分类', 'cause'],
  'respondent.unit': ['被投诉机构', '被投诉单位', '机构', 'company', 'respondent'],
  status: ['状态', '处理状态', 'status'],
  resolutionType: ['处理结果', '处理方式', 'companyresponsetoconsumer', 'resolution'],
  informedDate: ['告知日期', '反馈日期', 'informeddate'],
  decidedDate: ['办结日期', '结案日期', 'closeddate', 'decideddate'],
  isOnTime: ['是否及时', '及时', 'timelyresponse', 'ontime'],
  priority: ['优先级', '紧急程度', 'priority'],
  tags: ['标签', 'tags'],
};

function squash(text: string): string {
  return normaliseHeader(text).replace(/[\s_\-?？]/g, '');
}

const LOOKUP = new Map<string, ImportField>(
  (Object.entries(SYNONYMS) as [ImportField, readonly string[]][]).flatMap(([field, words]) =>
    words.map((word) => [squash(word), field] as const),
  ),
);

/** One suggestion per column whose header is a known name; the person confirms or changes it. */
export function suggestMapping(header: readonly string[]): { column: string; field: ImportField }[] {
  const suggestions: { column: string; field: ImportField }[] = [];
  for (const column of header) {
    const field = LOOKUP.get(squash(column));
    if (field) suggestions.push({ column: column.trim(), field });
  }
  return suggestions;
}
