import { defineMessages } from './define';

/** Screens of the records office (namespace `records`): recovery, recovery key rotation. */
export const uiRecordsMessages = defineMessages(
  {
    recover: {
      link: '忘记密码？使用恢复密钥',
      title: '用恢复密钥重设密码',
      intro: '恢复密钥是创建档案库（或上次更换密钥）时打印的 8 组字符。它只能为管理员账户设置新密码。',
      username: '管理员用户名',
      recoveryKey: '恢复密钥',
      recoveryKeyHint: '按纸上所印输入，大小写、空格和连字符均可',
      newPassword: '新密码',
      newPasswordAgain: '再次输入新密码',
      passwordMismatch: '两次输入的密码不一致。',
      submit: '设置新密码',
      working: '正在核对恢复密钥…',
      back: '返回登录',
      done: '已为 {{username}} 设置新密码，请用新密码登录。',
    },
    recoveryKey: {
      tab: '恢复密钥',
      intro:
        '恢复密钥可在忘记管理员密码时找回档案库。怀疑纸质密钥遗失或被他人看到时，请签发新密钥：旧密钥立即失效。',
      current: '当前恢复密钥的指纹',
      fingerprintHint: '与纸质密钥上记下的指纹比对，即可知道它是否仍然有效。',
      rotate: '签发新的恢复密钥',
      confirmRotate: '签发后旧的恢复密钥立即失效。确定继续？',
      issuedTitle: '新的恢复密钥（仅显示这一次）',
      issuedIntro: '请立即抄写或打印，并与指纹一起放入保险柜；销毁旧的纸质密钥。离开本页后无法再次查看。',
      fingerprint: '指纹：{{fingerprint}}',
      print: '打印',
      hide: '我已妥善保存，关闭',
    },
  },
  {
    recover: {
      link: 'Forgot the password? Use the recovery key',
      title: 'Set a new password with the recovery key',
      intro:
        'The recovery key is the 8 groups of characters printed when the archive was created (or the key last replaced). It sets a new password for administrator accounts only.',
      username: 'Administrator user name',
      recoveryKey: 'Recovery key',
      recoveryKeyHint: 'As printed; case, spaces and dashes do not matter',
      newPassword: 'New password',
      newPasswordAgain: 'New password again',
      passwordMismatch: 'The two passwords differ.',
      submit: 'Set new password',
      working: 'Checking the recovery key…',
      back: 'Back to sign-in',
      done: 'A new password is set for {{username}}. Sign in with it.',
    },
    recoveryKey: {
      tab: 'Recovery key',
      intro:
        'The recovery key gets the archive back when the administrator password is forgotten. If the printed key may be lost or seen by others, issue a new one: the old key stops working at once.',
      current: 'Fingerprint of the current recovery key',
      fingerprintHint:
        'Compare it with the fingerprint written on the printed key to know whether that key still works.',
      rotate: 'Issue a new recovery key',
      confirmRotate: 'The old recovery key stops working as soon as the new one is issued. Continue?',
      issuedTitle: 'New recovery key (shown only this once)',
      issuedIntro:
        'Write it down or print it now, and keep it with its fingerprint in the safe; destroy the old sheet. It cannot be shown again after you leave.',
      fingerprint: 'Fingerprint: {{fingerprint}}',
      print: 'Print',
      hide: 'I have stored it safely; close',
    },
  },
);
