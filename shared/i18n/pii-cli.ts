import { defineMessages } from './define';

/** Command-line strings of the branch PII key (namespace `pii-cli`): export and adopt. */
export const piiCliMessages = defineMessages(
  {
    help: {
      group: '本机构共用的个人身份信息密钥（证件号、电话、账号的加密密钥），供同一机构的多台电脑共用',
      export: '导出本机构的个人身份信息密钥（用口令保护；请与恢复密钥一同妥善保管）',
      adopt: '在本机采用另一台电脑导出的本机构密钥，并用它重新加密本机已登记的个人身份信息',
      out: '导出的密钥文件',
    },
    needPassphrase: '需要口令：请设置环境变量 REDRESS_PII_PASSPHRASE，或在终端中运行以输入。',
    promptPassphrase: '密钥文件口令：',
    exported:
      '已导出本机构的个人身份信息密钥：{{file}}。它能解开本机构所有证件号、电话和账号，请与恢复密钥一同保管。',
    adopted_other: '本机已采用本机构共用的个人身份信息密钥，{{count}} 件投诉已重新加密。',
    alreadyAdopted: '本机已在使用这把密钥，未做任何更改。',
  },
  {
    help: {
      group:
        "The branch's shared personal-identifier key (seals ID, phone and account numbers), for all PCs of a branch",
      export:
        "Export the branch's personal-identifier key (under a passphrase; keep it with the recovery key)",
      adopt: "Use the branch key exported on another PC here, and re-seal this PC's identifiers with it",
      out: 'Key file to write',
    },
    needPassphrase:
      'A passphrase is needed: set REDRESS_PII_PASSPHRASE, or run this in a terminal to type it.',
    promptPassphrase: 'Key file passphrase: ',
    exported:
      'Branch personal-identifier key exported: {{file}}. It opens every ID, phone and account number of the branch: keep it with the recovery key.',
    adopted_one: "This PC now uses the branch's personal-identifier key; {{count}} case was re-sealed.",
    adopted_other: "This PC now uses the branch's personal-identifier key; {{count}} cases were re-sealed.",
    alreadyAdopted: 'This PC already uses that key; nothing was changed.',
  },
);
