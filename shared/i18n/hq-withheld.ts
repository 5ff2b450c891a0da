import { defineMessages } from './define';

/**
 * Evidence files HQ withholds after a branch's disposal (hq/ingest/withheld-files.ts), as the HQ
 * administrator sees them in `redress hq status` and on HQ's status page.
 */
export const hqWithheldMessages = defineMessages(
  {
    heading: '暂扣的证据文件',
    intro:
      '分支机构销毁投诉后，总部先暂扣其证据文件，待该机构每台终端都发送过销毁之后的改动，再将文件删除。下列终端尚未发送，这些文件因此仍保存在总部。',
    files: '文件数',
    cases: '已销毁投诉数',
    holdingBack: '等待的终端（最近同步）',
    holder: '{{host}}（{{installation}}，最近同步：{{last}}）',
    separator: '；',
    noHolder: '无（下次同步后删除）',
    revokeHint: '终端若已丢失或停用，将其注销（redress hq revoke）后，总部即删除这些文件。',
    none: '暂无暂扣的文件。',
    cliLine_other: '{{branch}}：暂扣 {{files}} 个证据文件（{{count}} 件已销毁投诉），等待终端：{{holders}}',
  },
  {
    heading: 'Evidence files withheld',
    intro:
      'When a branch disposes of a case, head office withholds its evidence files and deletes them once every PC of that branch has sent a change made after the disposal. The PCs below have not yet, so these files are still kept at head office.',
    files: 'Files',
    cases: 'Disposed cases',
    holdingBack: 'Waiting for (last sync)',
    holder: '{{host}} ({{installation}}, last sync: {{last}})',
    separator: '; ',
    noHolder: 'none (deleted at the next sync)',
    revokeHint:
      'If one of these PCs is lost or retired, revoke it (redress hq revoke) and head office deletes these files.',
    none: 'No files withheld.',
    cliLine_other:
      '{{branch}}: evidence files withheld: {{files}} ({{count}} disposed cases); waiting for: {{holders}}',
    cliLine_one:
      '{{branch}}: evidence files withheld: {{files}} ({{count}} disposed case); waiting for: {{holders}}',
  },
);
