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
      '下列同一机构的在用终端使用同一终端号，投诉编号会重复，这些终端的同步会在第一件编号重复的投诉处停止。',
    clashCliLine: '问题：{{branch}} 有 {{count}} 台终端使用同一终端号 {{terminal}}：{{holders}}',
    clashHint:
      '处理办法见 docs/SYNC.md“两台电脑同一终端号”：先停止在后登记的那台（列在后面）上登记投诉，两台都不要注销；各终端自己的记录已在总部，不会丢失。',
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
      'The active PCs below belong to one branch and use one terminal code, so their case numbers collide and their sync stops at the first case numbered twice.',
    clashCliLine: 'Problem: {{branch}} has {{count}} PCs with terminal code {{terminal}}: {{holders}}',
    clashHint:
      'What to do: docs/SYNC.md "Two PCs with one terminal code". First stop registering cases on the later-enrolled one (listed second) and revoke neither; each PC\'s own records are at head office, nothing is lost.',
    waitingHeading: 'Enrollment codes not used yet',
    waitingCliLine:
      '{{branch}}: enrollment code not used yet ({{kind}}, issued {{issued}}, expires {{expires}})',
    waitingNone: 'No enrollment code is waiting.',
    kindNormal: 'enrollment',
    kindRestore: 'restore',
  },
);
