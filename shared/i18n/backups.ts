import { defineMessages } from './define';

/** Backups from the app (namespace `backups`): the admin tab, the top-bar badge, validation keys. */
export const backupsMessages = defineMessages(
  {
    validation: {
      folderInHost:
        '浏览器中不能选择服务器上的文件夹。请在运行 Redress 的电脑上用命令设置：redress backup schedule --folder <文件夹> --on',
      folderRequired: '启用自动备份前请先选择文件夹。',
    },
    tab: '备份与恢复',
    now: {
      title: '立即备份',
      intro: '备份文件包含加密的档案库和密钥文件，可存到 U 盘或其他文件夹。写入后会用档案库密钥打开并核对。',
      button: '立即备份…',
      working: '正在备份并核对…',
      done: '已备份并核对：{{file}}（{{size}}）',
      lastGood: '上次成功备份',
      never: '还没有备份',
      lastFailed: '上次备份失败（{{when}}）：{{error}}',
    },
    schedule: {
      title: '每日自动备份',
      intro: '登录期间每天自动备份到下面的文件夹，只保留最近的若干份。',
      folder: '文件夹',
      noFolder: '尚未选择',
      chooseFolder: '选择文件夹…',
      hostHint: '浏览器中不能选择服务器上的文件夹。请在运行 Redress 的电脑上设置：',
      hostCommand: 'redress backup schedule --folder <文件夹> --keep 7 --on',
      keep: '保留份数',
      isEnabled: '启用每日自动备份',
      save: '保存',
      saved: '已保存自动备份设置。',
      runNow: '现在运行一次',
      next: '下次自动备份',
      dueNow: '登录后几分钟内',
      lastScheduled: '上次自动备份',
      outcomeOk: '成功',
      outcomeFailed: '失败',
    },
    restore: {
      title: '从备份恢复',
      intro:
        '用备份文件替换当前档案库。当前档案库不会删除，会改名保留在原位置旁（…before-restore-时间）。恢复后自动重新打开。',
      choose: '选择备份文件…',
      chosen: '备份文件：{{file}}',
      password: '您的密码（再次确认）',
      confirm: '确认恢复',
      cancel: '取消',
      working: '正在核对备份并恢复…',
      done: '已恢复。原档案库保留为 {{kept}}。',
      doneNew: '已恢复。',
    },
    top: {
      stale: '已超过 {{days}} 天没有备份',
      staleNever: '还没有备份',
      failed: '自动备份失败',
      ok: '已备份 {{when}}',
    },
  },
  {
    validation: {
      folderInHost:
        'A browser cannot choose a folder on the server. Set it on the computer that runs Redress: redress backup schedule --folder <folder> --on',
      folderRequired: 'Choose a folder before turning on scheduled backups.',
    },
    tab: 'Backup and restore',
    now: {
      title: 'Back up now',
      intro:
        'A backup holds the encrypted archive and its key file; keep it on a USB stick or in another folder. After writing it is opened and checked with the archive key.',
      button: 'Back up now…',
      working: 'Backing up and checking…',
      done: 'Backed up and checked: {{file}} ({{size}})',
      lastGood: 'Last good backup',
      never: 'No backup yet',
      lastFailed: 'The last backup failed ({{when}}): {{error}}',
    },
    schedule: {
      title: 'Daily backup',
      intro:
        'While someone is signed in, a backup is made every day into the folder below; only the newest copies are kept.',
      folder: 'Folder',
      noFolder: 'Not chosen',
      chooseFolder: 'Choose folder…',
      hostHint: 'A browser cannot choose a folder on the server. Set it on the computer that runs Redress:',
      hostCommand: 'redress backup schedule --folder <folder> --keep 7 --on',
      keep: 'Copies to keep',
      isEnabled: 'Back up every day',
      save: 'Save',
      saved: 'Scheduled backup settings saved.',
      runNow: 'Run once now',
      next: 'Next scheduled backup',
      dueNow: 'within minutes of the next sign-in',
      lastScheduled: 'Last scheduled backup',
      outcomeOk: 'succeeded',
      outcomeFailed: 'failed',
    },
    restore: {
      title: 'Restore from a backup',
      intro:
        'Replaces the current archive with a backup. The current archive is not deleted: it is renamed and kept beside it (…before-restore-<time>). The restored archive opens at once.',
      choose: 'Choose backup file…',
      chosen: 'Backup file: {{file}}',
      password: 'Your password (to confirm)',
      confirm: 'Restore',
      cancel: 'Cancel',
      working: 'Checking the backup and restoring…',
      done: 'Restored. The previous archive is kept as {{kept}}.',
      doneNew: 'Restored.',
    },
    top: {
      stale: 'No backup for more than {{days}} days',
      staleNever: 'No backup yet',
      failed: 'Scheduled backup failed',
      ok: 'Backed up {{when}}',
    },
  },
);
