import { defineMessages } from './define';

/**
 * Terminal codes and waiting enrollment codes as the HQ administrator sees them in `redress hq
 * status` and on HQ's status page (hq/admin/terminal-codes.ts, hq/admin/enrollment.service.ts
 * `waitingCodes`). A clash is two active PCs of a branch with one terminal code: their case numbers
 * collide and the branch's sync stops at the first collision (docs/SYNC.md).
 */
export const hqTerminalMessages = defineMessages(
  {
    terminal: '终端号',
    unknownTerminal: '未知',
    clashHeading: '终端号重复',
    clashIntro:
      '下列同一机构的在用终端使用同一终端号，投诉编号会重复；编号重复的投诉在另一台电脑上暂不写入，这些终端的同步以错误结束。',
    clashCliLine: '问题：{{branch}} 有 {{count}} 台终端使用同一终端号 {{terminal}}：{{holders}}',
    clashHint:
      '处理办法：由管理员在后登记的那台（列在后面）上运行 redress sync repair-terminal，它会从总部取得新终端号并把该机编号重复的投诉重新编号；两台都不要注销。各终端自己的记录已在总部，不会丢失（docs/SYNC.md“两台电脑同一终端号”）。',
    waitingHeading: '尚未使用的登记码',
    waitingCliLine: '{{branch}}：登记码尚未使用（{{kind}}，{{issued}} 签发，{{expires}} 过期）',
    waitingNone: '没有尚未使用的登记码。',
    kindNormal: '登记',
    kindRestore: '恢复',
  },
  {
    terminal: 'Terminal',
    unknownTerminal: 'unknown',
    clashHeading: 'Terminal codes in use twice',
    clashIntro:
      'The active PCs below belong to one branch and use one terminal code, so their case numbers collide: a case numbered twice is held back on the other PCs and their sync ends with an error.',
    clashCliLine: 'Problem: {{branch}} has {{count}} PCs with terminal code {{terminal}}: {{holders}}',
    clashHint:
      'What to do: an administrator runs redress sync repair-terminal on the later-enrolled one (listed second): it gets a new terminal code from head office and renumbers that PC\'s cases numbered twice. Revoke neither; each PC\'s own records are at head office, nothing is lost (docs/SYNC.md "Two PCs with one terminal code").',
    waitingHeading: 'Enrollment codes not used yet',
    waitingCliLine:
      '{{branch}}: enrollment code not used yet ({{kind}}, issued {{issued}}, expires {{expires}})',
    waitingNone: 'No enrollment code is waiting.',
    kindNormal: 'enrollment',
    kindRestore: 'restore',
  },
);
