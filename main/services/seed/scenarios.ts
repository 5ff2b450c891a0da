import type { Priority } from './seed-types';

/**
 * Complaint scenarios, drawn from the seed articles (收费不透明, 产品不适合消费者, 理赔延误 …) and the
 * usual branch complaints: fees, unauthorised deductions, loan terms, mis-selling, claim denial,
 * service attitude. Classification is named by the taxonomy's Chinese names (the most specific class;
 * several names = several plausible codes) and resolved to codes against the shipped taxonomy, so the seed follows the
 * taxonomy rather than copying its codes.
 *
 * Placeholders: {date} an earlier day, {amount} yuan, {product}, {unit} the respondent unit,
 * {staff} a staff member, {months} a small number.
 */
export interface Scenario {
  key: string;
  weight: number;
  products: readonly string[];
  business: readonly string[];
  causes: readonly string[];
  channels: readonly string[];
  insurance?: { categories: readonly string[]; line: readonly string[] };
  /** Amount involved in yuan: [min, max]; null when money is not the point. */
  amountYuan: readonly [number, number] | null;
  priority: readonly (readonly [Priority, number])[];
  request: readonly string[];
  facts: readonly string[];
  grounds: readonly string[];
  rootCauses: readonly string[];
  resolutions: readonly (
    'explanation' | 'refund' | 'compensation' | 'service_remedy' | 'apology' | 'rejected'
  )[];
}

const NORMAL: Scenario['priority'] = [
  ['ordinary', 85],
  ['major', 12],
  ['urgent', 3],
];
const SERIOUS: Scenario['priority'] = [
  ['ordinary', 60],
  ['major', 30],
  ['urgent', 10],
];
const COUNTER = ['柜面', '大堂及厅堂服务'];
const PHONE = ['电话银行'];
const APP = ['移动客户端', '网上银行'];

export const SCENARIOS: readonly Scenario[] = [
  {
    key: 'card-fee',
    weight: 14,
    products: ['信用卡', '白金信用卡', '联名信用卡'],
    business: ['信用卡'],
    causes: ['收费标准不透明', '收费项目', '产品信息披露不充分'],
    channels: [...PHONE, ...COUNTER, ...APP],
    amountYuan: [50, 1200],
    priority: NORMAL,
    request: [
      '要求退还已收取的年费{amount}元，并取消该项收费。',
      '要求银行说明收费依据并退还多收的手续费{amount}元。',
    ],
    facts: [
      '客户称其{date}收到{product}账单，发现被收取年费{amount}元。办卡时工作人员口头承诺首年免年费，刷卡满六次免次年年费，客户认为银行未明确告知收费标准。',
      '客户反映{date}办理{product}分期业务时，手续费高于事先告知的标准，实际扣收{amount}元，未收到任何短信提示。',
    ],
    grounds: ['客户认为银行在办卡时未履行收费信息披露义务，侵犯其知情权。'],
    rootCauses: ['营销人员未按规定告知收费标准', '系统更新导致费用显示错误'],
    resolutions: ['refund', 'explanation', 'apology'],
  },
  {
    key: 'unauthorised-debit',
    weight: 10,
    products: ['借记卡', '信用卡', '快捷支付'],
    business: ['借记卡'],
    causes: ['盗刷及冒用', '电信网络诈骗'],
    channels: [...PHONE, ...COUNTER, ...APP],
    amountYuan: [200, 50_000],
    priority: SERIOUS,
    request: ['要求银行查明原因并追回被扣款项{amount}元。', '要求冻结账户并赔偿被盗刷的{amount}元损失。'],
    facts: [
      '客户称其{product}账户于{date}被扣款{amount}元，本人未进行任何交易，卡片一直由本人保管，怀疑银行卡被盗刷。',
      '客户反映{date}收到扣款短信，一笔{amount}元的第三方支付扣款并非本人授权，联系客服后未得到明确答复。',
    ],
    grounds: ['客户认为银行未尽到保障账户资金安全的义务。'],
    rootCauses: ['第三方支付授权管理存在漏洞', '客户信息被不法分子盗用'],
    resolutions: ['refund', 'compensation', 'explanation'],
  },
  {
    key: 'mortgage-terms',
    weight: 9,
    products: ['个人住房贷款', '公积金组合贷款'],
    business: ['个人住房贷款'],
    causes: ['格式条款', '利率及费率', '合同履行'],
    channels: [...COUNTER, ...PHONE],
    amountYuan: [2_000, 80_000],
    priority: NORMAL,
    request: ['要求免除提前还款违约金{amount}元。', '要求按合同约定调整贷款利率并退还多收利息。'],
    facts: [
      '客户申请提前归还{product}时被告知需支付违约金{amount}元，客户表示签约时工作人员未告知该条款。',
      '客户反映其{product}利率未按约定于{date}调整，{months}个月内多支付利息约{amount}元。',
    ],
    grounds: ['客户认为格式合同条款未作提示说明，对其不产生约束力。'],
    rootCauses: ['合同重要条款提示不充分', '利率调整流程执行不到位'],
    resolutions: ['explanation', 'refund', 'rejected'],
  },
  {
    key: 'loan-collection',
    weight: 6,
    products: ['个人消费贷款', '信用卡'],
    business: ['个人消费贷款'],
    causes: ['催收方式不当', '第三方催收'],
    channels: [...PHONE, ...APP],
    amountYuan: null,
    priority: SERIOUS,
    request: ['要求停止向其家人和同事催收，并对催收人员作出处理。'],
    facts: [
      '客户称{product}逾期后，催收人员自{date}起频繁致电其家人、同事，言语粗暴，影响其正常生活和工作。',
    ],
    grounds: ['客户认为催收行为违反文明催收的相关规定。'],
    rootCauses: ['委外催收机构管理不到位'],
    resolutions: ['apology', 'service_remedy', 'explanation'],
  },
  {
    key: 'wealth-misselling',
    weight: 9,
    products: ['理财产品', '净值型理财产品', '代销基金'],
    business: ['银行理财产品'],
    causes: ['误导销售', '夸大宣传', '本金亏损', '风险提示不足'],
    channels: COUNTER,
    amountYuan: [10_000, 500_000],
    priority: SERIOUS,
    request: ['要求赔偿理财本金损失{amount}元。', '要求协助提前赎回产品，避免更大损失。'],
    facts: [
      '客户于{date}在网点购买{product}，理财经理{staff}称产品“保本保收益”，到期后亏损{amount}元。客户风险评估为保守型，却被销售了中高风险产品。',
      '客户购买{product}后发现产品风险超出其承受能力，风险评估问卷由工作人员代为填写，投资金额{amount}元。',
    ],
    grounds: ['客户认为银行违反适当性原则，销售时夸大收益、隐瞒风险。'],
    rootCauses: ['风险承受能力评估存在疏漏', '销售人员夸大宣传'],
    resolutions: ['apology', 'compensation', 'explanation', 'rejected'],
  },
  {
    key: 'service-attitude',
    weight: 12,
    products: ['个人存款', '借记卡', '转账汇款'],
    business: ['活期储蓄'],
    causes: ['服务态度', '服务效率', '适老及无障碍服务'],
    channels: [...COUNTER, ...PHONE],
    amountYuan: null,
    priority: NORMAL,
    request: ['要求网点负责人道歉并对相关柜员进行教育。', '要求改善网点服务，缩短排队等候时间。'],
    facts: [
      '客户称其{date}到{unit}办理{product}业务，排队等候超过两小时，柜员{staff}态度冷淡，对其询问不予理睬。',
      '客户反映在{unit}办理{product}业务时，工作人员推诿，要求其多次往返提供材料。',
    ],
    grounds: ['客户认为网点服务质量差，未体现对消费者的尊重。'],
    rootCauses: ['高峰时段窗口配置不足', '员工服务意识欠缺'],
    resolutions: ['apology', 'service_remedy', 'explanation'],
  },
  {
    key: 'app-failure',
    weight: 8,
    products: ['手机银行', '网上银行', '转账汇款'],
    business: ['转账汇款'],
    causes: ['系统故障'],
    channels: APP,
    amountYuan: [100, 30_000],
    priority: NORMAL,
    request: ['要求尽快退回已扣款项{amount}元并说明原因。'],
    facts: ['客户称{date}通过{product}转账{amount}元，页面显示交易失败，但账户已扣款，资金至今未退回。'],
    grounds: ['客户认为系统故障造成的损失应由银行承担。'],
    rootCauses: ['系统升级后交易冲正异常'],
    resolutions: ['refund', 'explanation'],
  },
  {
    key: 'atm',
    weight: 4,
    products: ['借记卡'],
    business: ['借记卡'],
    causes: ['设备故障'],
    channels: ['自动柜员机'],
    amountYuan: [100, 5_000],
    priority: NORMAL,
    request: ['要求补足少吐的现金{amount}元。', '要求尽快退还被吞的银行卡。'],
    facts: ['客户称{date}在{unit}自助取款机取现{amount}元，机器少吐钞，但账户已全额扣款。'],
    grounds: ['客户认为自助设备故障责任在银行。'],
    rootCauses: ['自助设备维护不及时'],
    resolutions: ['refund', 'explanation'],
  },
  {
    key: 'privacy',
    weight: 5,
    products: ['个人金融信息'],
    business: ['信息使用'],
    causes: ['信息泄露', '信息违规使用'],
    channels: [...PHONE, '网络公众平台'],
    amountYuan: null,
    priority: SERIOUS,
    request: ['要求查明个人信息泄露原因并停止骚扰。'],
    facts: [
      '客户称自{date}起频繁接到推销贷款和理财的电话，对方能准确说出其姓名和账户信息，怀疑个人信息被泄露。',
    ],
    grounds: ['客户认为银行未妥善保管其个人金融信息。'],
    rootCauses: ['外包营销人员违规使用客户信息'],
    resolutions: ['explanation', 'apology', 'rejected'],
  },
  {
    key: 'motor-claim',
    weight: 8,
    products: ['车险', '机动车商业保险'],
    business: ['代理保险'],
    causes: ['办理流程', '服务效率'],
    channels: [...PHONE, ...COUNTER, ...APP],
    insurance: { categories: ['理赔时效', '理赔金额'], line: ['车险'] },
    amountYuan: [1_000, 60_000],
    priority: NORMAL,
    request: ['要求尽快完成理赔，赔付{amount}元。', '要求重新定损，按实际维修费用{amount}元赔付。'],
    facts: [
      '客户车辆于{date}发生事故，报案后已提交全部材料，理赔款{amount}元至今未到账，多次催问无果。',
      '客户反映{product}定损金额明显低于实际维修费用，差额约{amount}元。',
    ],
    grounds: ['客户认为理赔审核流程不畅，拖延赔付。'],
    rootCauses: ['内部审核流程不畅导致理赔延误', '定损标准解释不充分'],
    resolutions: ['compensation', 'explanation', 'service_remedy'],
  },
  {
    key: 'illness-claim',
    weight: 6,
    products: ['重疾险', '百万医疗险'],
    business: ['代理保险'],
    causes: ['格式条款', '合同履行'],
    channels: [...COUNTER, ...PHONE],
    insurance: { categories: ['拒赔'], line: ['健康保险'] },
    amountYuan: [20_000, 500_000],
    priority: SERIOUS,
    request: ['要求按合同约定赔付保险金{amount}元。'],
    facts: [
      '客户于{date}确诊后申请{product}理赔，保险公司以投保时未如实告知既往病史为由拒赔，客户称投保时业务员{staff}未询问相关情况。',
    ],
    grounds: ['客户认为保险公司未履行询问义务，拒赔理由不成立。'],
    rootCauses: ['投保告知环节执行不规范'],
    resolutions: ['compensation', 'rejected', 'explanation'],
  },
  {
    key: 'surrender',
    weight: 6,
    products: ['分红型保险', '年金保险', '重疾险'],
    business: ['代理保险'],
    causes: ['误导销售', '风险提示不足'],
    channels: COUNTER,
    insurance: { categories: ['退保金额', '销售误导'], line: ['年金保险', '人寿保险'] },
    amountYuan: [5_000, 200_000],
    priority: NORMAL,
    request: ['要求全额退还已交保费{amount}元。'],
    facts: [
      '客户于{date}到{unit}办理存款，被工作人员推荐购买{product}，当时被告知与存款一样可随时支取。现申请退保仅能退还现金价值，损失约{amount}元。',
    ],
    grounds: ['客户认为销售人员误导，将保险混同存款销售，未说明犹豫期和退保损失。'],
    rootCauses: ['代销保险时未充分揭示产品性质'],
    resolutions: ['refund', 'explanation', 'rejected'],
  },
];
