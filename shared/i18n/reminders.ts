import { defineMessages } from './define';
import { L } from './labels';

/**
 * Reminders (namespace `reminders`): the top bar's notification centre, the digest at sign-in and
 * the Electron shell's desktop notifications. The kinds' names are labels (labels.ts reminderKinds).
 */
export const reminderMessages = defineMessages(
  {
    kinds: L.zh.reminderKinds,
    button: '提醒',
    buttonCount: '提醒 {{count}}',
    title: '提醒',
    empty: '暂无需要处理的提醒。',
    more: '另有 {{count}} 条未列出',
    refresh: '刷新',
    close: '关闭',
    count: '{{count}} 件',
    /** What an item's date is (the kinds share these: see reminder-words.ts dateWord). */
    dates: {
      due: '{{date}} 到期',
      informed: '{{date}} 已告知客户',
      actionDue: '整改期限 {{date}}',
    },
    digest: {
      title: '今日提醒',
      intro: '登录后需要您关注的事项：',
      open: '查看提醒',
      later: '稍后再看',
    },
    desktop: {
      digestTitle_other: 'Redress：{{count}} 条提醒',
      newTitle_other: 'Redress：{{count}} 条新提醒',
      line: '{{kind}} {{count}} 件',
      itemLine: '{{caseNo}}：{{kind}}',
      more: '……另有 {{count}} 条',
    },
  },
  {
    kinds: L.en.reminderKinds,
    button: 'Reminders',
    buttonCount: 'Reminders {{count}}',
    title: 'Reminders',
    empty: 'Nothing needs your attention.',
    more: '{{count}} more not listed',
    refresh: 'Refresh',
    close: 'Close',
    count: '{{count}}',
    dates: {
      due: 'due {{date}}',
      informed: 'customer informed {{date}}',
      actionDue: 'action due {{date}}',
    },
    digest: {
      title: "Today's reminders",
      intro: 'What needs your attention since you signed in:',
      open: 'Show reminders',
      later: 'Later',
    },
    desktop: {
      digestTitle_one: 'Redress: {{count}} reminder',
      digestTitle_other: 'Redress: {{count}} reminders',
      newTitle_one: 'Redress: {{count}} new reminder',
      newTitle_other: 'Redress: {{count}} new reminders',
      line: '{{kind}}: {{count}}',
      itemLine: '{{caseNo}}: {{kind}}',
      more: '… and {{count}} more',
    },
  },
);
