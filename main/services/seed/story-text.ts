/** The words of a seeded case's history (story.ts), as a branch's handlers write them. */
export const STORY_TEXT = {
  declaration: '本人与投诉人及被投诉事项无直接利害关系，不存在需要回避的情形。',
  rejectReasons: [
    '投诉事项不属于本机构受理范围，已告知客户向有权机构反映。',
    '投诉人未能提供身份信息及基本事实，经告知后仍无法补正，不予受理。',
  ],
  withdrawReason: '客户来电表示问题已与网点协商解决，申请撤回投诉。',
  notReached: '电话联系客户未接通，已发送短信告知受理情况。',
  firstContact: '联系客户了解诉求，告知投诉已受理及处理时限。',
  materialRequest: '告知客户需补充提供交易凭证等材料，客户表示将尽快提供。',
  pauseReason: '等待客户补充提供交易凭证，暂停计算处理时限。',
  extensionContact: '告知客户因情况复杂需延长处理期限及原因，客户表示理解。',
  extensionReasons: [
    '需调取第三方机构交易记录核实，情况复杂，申请延长处理期限。',
    '涉及多个业务部门及外部机构协查，需延长处理期限。',
  ],
  escalateReason: '涉及跨机构责任认定，超出本级处理权限，报上级机构处理。',
  decisionAccepted: '告知客户处理结果及依据，客户表示接受。',
  decisionNotAccepted: '告知客户处理结果及依据和救济途径，客户表示不接受。',
  fallbackNotice:
    '经调查核实，已向客户说明有关业务规则和处理依据。如对本处理意见有异议，可自收到之日起30日内向上级机构申请核查。',
  rectificationWhat: '修订相关业务流程并组织全员培训',
  departments: ['个人金融部', '运营管理部', '信用卡中心', '消费者权益保护部', '科技部'],
  fallbackOwner: '部门负责人',
  evidence: '已完成制度修订并组织培训，培训签到表及修订后的操作规程已存档。',
} as const;
