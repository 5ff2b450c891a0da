import { defineMessages } from './define';

/** The command line's backup commands (`redress backup …`). */
export const cliBackupsMessages = defineMessages(
  {
    help: {
      backup:
        '在线备份档案库：目标以 .redress-backup 结尾时写成单个备份文件（总会核对），否则写档案库和密钥文件两个文件',
      verify: '写完后用档案库密钥打开并核对备份',
      schedule: '查看或设置每日自动备份（文件夹、保留份数、开关）',
      folder: '自动备份的文件夹（必须已存在）',
      keep: '保留最近几份（1–365）',
      on: '启用每日自动备份',
      off: '停用每日自动备份',
      runScheduled: '按计划运行一次自动备份（供系统计划任务调用）；--force 不论是否到期都运行',
      force: '不论是否到期都运行',
    },
    backedUp: '已备份到 {{file}}（{{size}}）。',
    verified: '已用档案库密钥打开并核对备份：完好。',
    scheduleShown_other: '每日自动备份：{{state}}；文件夹：{{folder}}；保留 {{count}} 份。',
    scheduleOn: '已启用',
    scheduleOff: '未启用',
    noFolder: '（未设置）',
    lastGood: '上次成功备份：{{when}}（{{file}}）',
    neverBackedUp: '还没有经过核对的备份。',
    notScheduled: '没有设置每日自动备份（redress backup schedule --folder <文件夹> --on）。',
    notDue: '自动备份还未到期（下次：{{when}}）。',
    badKeep: '保留份数必须是 1 到 365 之间的整数：{{value}}',
    onAndOff: '--on 和 --off 只能选一个。',
  },
  {
    help: {
      backup:
        'back the archive up while it stays usable: a destination ending in .redress-backup is one file (always verified), otherwise an archive and key file pair',
      verify: 'open the written backup with the archive key and check it',
      schedule: 'show or set the daily backup (folder, copies kept, on/off)',
      folder: 'folder for scheduled backups (must exist)',
      keep: 'number of newest copies to keep (1–365)',
      on: 'turn the daily backup on',
      off: 'turn the daily backup off',
      runScheduled:
        'run the scheduled backup if it is due (for the system task scheduler); --force runs it anyway',
      force: 'run even if it is not due',
    },
    backedUp: 'Backed up to {{file}} ({{size}}).',
    verified: 'The backup opens with the archive key and checks out intact.',
    scheduleShown_one: 'Daily backup: {{state}}; folder: {{folder}}; keeping {{count}} copy.',
    scheduleShown_other: 'Daily backup: {{state}}; folder: {{folder}}; keeping {{count}} copies.',
    scheduleOn: 'on',
    scheduleOff: 'off',
    noFolder: '(not set)',
    lastGood: 'Last good backup: {{when}} ({{file}})',
    neverBackedUp: 'No verified backup yet.',
    notScheduled: 'No daily backup is set (redress backup schedule --folder <folder> --on).',
    notDue: 'The scheduled backup is not due yet (next: {{when}}).',
    badKeep: 'Copies to keep must be a whole number from 1 to 365: {{value}}',
    onAndOff: 'Give --on or --off, not both.',
  },
);
