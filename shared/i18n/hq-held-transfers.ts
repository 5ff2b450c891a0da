import { defineMessages } from './define';

/**
 * Case transfers HQ holds back until the sending branch's PCs have all pushed past them
 * (hq/ingest/held-transfers.ts), as the HQ administrator sees them in `redress hq status` and on
 * HQ's status page. The PCs waited for are written as in hq-withheld.ts (`holder`).
 */
export const hqHeldTransferMessages = defineMessages(
  {
    heading: '暂缓送达的转交投诉',
    intro:
      '分支机构把投诉转交给其他机构后，总部先暂缓送达，待转出机构每台终端都发送过转交之后的改动（确认不会再有更早的销毁），再交给接收机构。下列终端尚未发送，这些投诉因此尚未送达接收机构。',
    transfers: '投诉（转往，转交时间）',
    transfer: '{{case}} → {{to}}（{{at}}）',
    holdingBack: '等待的终端（最近同步）',
    noHolder: '无（下次同步后送达）',
    revokeHint: '终端若已丢失或停用，将其注销（redress hq revoke）后，总部即把这些投诉交给接收机构。',
    none: '暂无暂缓送达的转交。',
    cliLine: '{{branch}}：暂缓送达 {{count}} 件转交投诉（{{transfers}}），等待终端：{{holders}}',
  },
  {
    heading: 'Case transfers held back',
    intro:
      'When a branch transfers a case to another branch, head office holds the transfer back until every PC of the sending branch has sent a change made after it (so none can still bring an earlier disposal of the case), then hands the case over. The PCs below have not yet, so these cases have not reached the receiving branch.',
    transfers: 'Cases (to, transferred at)',
    transfer: '{{case}} → {{to}} ({{at}})',
    holdingBack: 'Waiting for (last sync)',
    noHolder: 'none (handed over at the next sync)',
    revokeHint:
      'If one of these PCs is lost or retired, revoke it (redress hq revoke) and head office hands these cases over.',
    none: 'No case transfers held back.',
    cliLine: '{{branch}}: case transfers held back: {{count}} ({{transfers}}); waiting for: {{holders}}',
  },
);
