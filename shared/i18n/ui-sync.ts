import { defineMessages } from './define';

/** The sync screen, the top bar's sync indicator and the words for a failed sync. */
export const uiSyncMessages = defineMessages(
  {
    validation: {
      url: '请输入以 https:// 开头的总部地址，例如 https://10.0.0.5:8443',
      code: '请输入总部管理员提供的登记码',
    },
    failure: {
      unknown: '同步失败，本地数据未受影响，稍后将自动重试。',
    },
  },
  {
    validation: {
      url: 'Enter the head-office address starting with https://, e.g. https://10.0.0.5:8443',
      code: 'Enter the enrollment code from the HQ administrator',
    },
    failure: {
      unknown: 'Sync failed; nothing here was affected. It retries by itself.',
    },
  },
);
