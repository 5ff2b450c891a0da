import { defineMessages } from './define';

/** Command-line strings of the records office (namespace `records-cli`): recovery and rotation. */
export const recordsCliMessages = defineMessages(
  {
    help: {
      recover:
        '忘记管理员密码时，用恢复密钥为管理员账户设置新密码（新密码取自 REDRESS_NEW_PASSWORD 或提示输入）',
      recoveryKey: '签发新的恢复密钥（旧密钥随即失效），仅显示一次',
      letter: '按本机构模板为一件投诉生成告知书 PDF（内嵌中文字体）',
      kind: '告知书类型：acknowledgement、refusal、extension、decision、follow_up',
      out: '输出的 PDF 文件',
      reason: '填入模板 {{reason}} 的理由或说明',
    },
    badKind: '未知的告知书类型：{{name}}（可用：{{allowed}}）',
    letterWritten: '已生成告知书：{{file}}（SHA-256 {{sha256}}）',
    needRecoveryKey: '需要恢复密钥：请设置环境变量 REDRESS_RECOVERY_KEY，或在终端中运行以输入。',
    promptRecoveryKey: '恢复密钥（按纸上所印输入，大小写和空格均可）：',
    recovered: '已为 {{username}} 设置新密码，请用新密码登录。',
    issuedTitle: '新的恢复密钥（仅显示这一次）：',
    fingerprint: '指纹：{{fingerprint}}（用于核对纸质密钥是否为当前有效的一份）',
    issuedWarning: '旧的恢复密钥已失效，请销毁旧的纸质密钥，抄写或打印这份并妥善保管。',
  },
  {
    help: {
      recover:
        'Set a new password for an administrator account with the recovery key (new password from REDRESS_NEW_PASSWORD or a prompt)',
      recoveryKey: 'Issue a new recovery key (the old one stops working at once), shown only once',
      letter: 'Write a letter to the customer of a case as PDF, from the branch template (CJK font embedded)',
      kind: 'Letter: acknowledgement, refusal, extension, decision, follow_up',
      out: 'PDF file to write',
      reason: 'What {{reason}} says in the template',
    },
    badKind: 'Unknown letter: {{name}} (use one of: {{allowed}})',
    letterWritten: 'Letter written: {{file}} (SHA-256 {{sha256}})',
    needRecoveryKey:
      'The recovery key is needed: set REDRESS_RECOVERY_KEY, or run this in a terminal to type it.',
    promptRecoveryKey: 'Recovery key (as printed; case and spaces do not matter): ',
    recovered: 'A new password is set for {{username}}. Sign in with it.',
    issuedTitle: 'New recovery key (shown only this once):',
    fingerprint: 'Fingerprint: {{fingerprint}} (to check which printed key is the current one)',
    issuedWarning:
      'The old recovery key no longer works: destroy the old sheet, and write down or print this one and keep it safe.',
  },
);
