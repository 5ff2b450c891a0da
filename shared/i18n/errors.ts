import { defineMessages } from './define';
import type { ErrorCode } from '../errors';

const zh = {
  WRONG_PASSWORD: '用户名或密码不正确。',
  WRONG_KEY: '无法用此密钥打开档案库：密钥不正确，或文件不是 Redress 档案库。',
  WRONG_RECOVERY_KEY: '恢复密钥不正确，请核对后重新输入。',
  RECOVERY_ADMIN_ONLY: '恢复密钥只能为管理员账户重设密码；其他用户请由管理员重设。',
  ARCHIVE_NOT_FOUND: '找不到档案库文件：{{file}}',
  ARCHIVE_EXISTS: '该位置已存在档案库文件，未做任何更改。',
  ARCHIVE_CORRUPT: '档案库文件已损坏，或不是 Redress 档案库；文件未做任何更改。请从备份恢复。',
  KEY_FILE_CORRUPT: '密钥文件已损坏或无法读取：{{file}}。档案库本身未做任何更改，请从备份恢复密钥文件。',
  PII_KEY_UNAVAILABLE:
    '本次登录没有个人身份信息密钥：请用可查看完整证件号的管理员账号在已持有该密钥的电脑上操作。未做任何更改。',
  PII_KEY_FILE_INVALID: '这不是本机构的个人身份信息密钥文件，或口令不正确。未做任何更改。',
  KEY_FILE_TAMPERED:
    '密钥文件被 Redress 以外的程序改动过，操作已停止，未做任何更改。请运行“校验”并从备份恢复密钥文件。',
  BACKUP_CORRUPT: '备份文件已损坏，或不是 Redress 备份；当前档案库未做任何更改。',
  SAME_FILE: '备份文件就是要被替换的档案库本身，未做任何更改。',
  NOT_A_FILE: '{{file}} 是一个文件夹，请指定文件。',
  PROTECTED_FILE: '不能写入档案库、密钥文件、日志或备份文件：{{file}}。未做任何更改。',
  FOLDER_MISSING: '文件夹不存在：{{folder}}。Redress 不会自动创建文件夹，未做任何更改。',
  FILE_HANDLE_UNKNOWN: '所选文件已失效，请重新选择文件。',
  HOST_ARCHIVE_FIXED: '此服务只使用启动时指定的档案库，不能打开或新建其他位置的档案库。',
  HOST_SESSION_REQUIRED: '访问凭证缺失或已失效，请用启动时打印的链接重新打开页面。',
  PRESET_NOT_FOUND: '没有名为“{{name}}”的导入预设。',
  ARCHIVE_BUSY: '档案库正被其他程序使用，请稍后重试。',
  ARCHIVE_LOCKED: '档案库已锁定，请重新登录。',
  NOT_SIGNED_IN: '请先登录。',
  TOO_MANY_ATTEMPTS: '登录失败次数过多，请 {{seconds}} 秒后再试。',
  FORBIDDEN: '您的角色无权执行此操作。',
  NOT_FOUND: '未找到该记录。',
  VALIDATION: '输入有误，请检查标出的字段。',
  CONFLICT: '该记录已被他人修改，请刷新后重试。',
  ILLEGAL_TRANSITION: '当前状态“{{from}}”下不能执行“{{action}}”。',
  CASE_READ_ONLY: '该投诉已归档，只能添加批注。',
  BORROW_REQUIRED: '该投诉已归档：查阅需先提交借阅申请，经主管批准后在借阅期内查阅。',
  LETTER_INCOMPLETE: '告知书内容不完整，缺少：{{names}}。请先在案件中填写，或在“理由/说明”中填写后再打印。',
  CASE_TRANSFERRED: '该投诉已经总部移交其他分支机构，在本机只能查看和添加批注。',
  CASE_DISPOSED: '该投诉已按规定销毁，不能再修改。',
  CONSTRAINT: '数据与已有记录冲突，未保存。',
  UNKNOWN_CHANNEL: '未知的请求。',
  IMPORT_INVALID: '导入文件有误：{{detail}}',
  CANCELLED: '操作已取消，未写入任何数据。',
  SYNC_GAP:
    '收到的同步数据缺少前面的记录（终端 {{installation}} 第 {{seq}} 条之前），未做任何更改，将在下次同步时补齐。',
  SYNC_CHAIN_BROKEN:
    '收到的同步数据校验失败（终端 {{installation}} 第 {{seq}} 条被篡改或损坏），已全部拒收，未做任何更改。',
  SYNC_FORK:
    '终端 {{installation}} 第 {{seq}} 条记录与本机已有的不一致（历史分叉，可能从旧备份恢复过），已拒收，请联系总部管理员。',
  SYNC_UNAVAILABLE: '暂时无法连接总部，数据未丢失，稍后自动重试。',
  /** The reason is already in the reader's language (shared/i18n/sync.ts, main/services/sync/sync-words.ts). */
  SYNC_REFUSED: '{{reason}}',
  SYNC_TERMINAL_CLASH:
    '本机构有两台电脑使用同一终端号 {{terminal}}，投诉编号 {{caseNo}} 被两件不同的投诉占用，其中后到的一件暂不写入，其余记录均已同步（本机的记录已上传总部，未丢失）。请管理员在这两台电脑之一上运行 redress sync repair-terminal（修复终端号冲突；redress hq status 会列出这两台电脑），之后各台电脑再同步一次即可。',
  LEGAL_HOLD: '投诉 {{caseNo}} 处于诉讼/监管调查保全中，解除保全前不能销毁。未做任何更改。',
  SAME_PERSON: '销毁须由两人完成：提出人不能批准自己提出的销毁批次，请由另一位主管或管理员批准。',
  NOT_DISPOSABLE: '投诉 {{caseNo}} 不能列入销毁，未做任何更改。',
  RETENTION_TOO_SHORT: '保管期限不能短于规定的最低期限（{{years}} 年）。未做任何更改。',
  HANDOVER_SAME_PERSON: '移交须由两位不同的用户签字：移出人不能把档案移交给自己。未做任何更改。',
  HANDOVER_PENDING: '已有一份移交（{{id}}）等待接收人签字，请先由接收人接收或拒绝。未做任何更改。',
  HANDOVER_NOT_RECIPIENT: '只有这份移交指定的接收人（{{name}}）才能接收或拒绝它。未做任何更改。',
  INTERNAL: '发生内部错误，操作未完成，数据未更改。',
} satisfies Record<ErrorCode, string>;

export const errorMessages = defineMessages(zh, {
  WRONG_PASSWORD: 'Wrong user name or password.',
  WRONG_KEY: 'This key cannot open the archive: the key is wrong, or the file is not a Redress archive.',
  WRONG_RECOVERY_KEY: 'The recovery key is not correct. Check it and try again.',
  RECOVERY_ADMIN_ONLY:
    'The recovery key resets only administrator accounts; other users ask an administrator.',
  ARCHIVE_NOT_FOUND: 'Archive file not found: {{file}}',
  ARCHIVE_EXISTS: 'An archive already exists there; nothing was changed.',
  ARCHIVE_CORRUPT:
    'The archive file is damaged or not a Redress archive; it was left as it was. Restore it from a backup.',
  KEY_FILE_CORRUPT:
    'The key file is damaged or unreadable: {{file}}. The archive itself was not changed; restore the key file from a backup.',
  PII_KEY_UNAVAILABLE:
    'This session holds no personal-identifier key: use an administrator account on a PC that holds it. Nothing was changed.',
  PII_KEY_FILE_INVALID:
    "This is not this branch's personal-identifier key file, or the passphrase is wrong. Nothing was changed.",
  KEY_FILE_TAMPERED:
    'The key file was changed by something other than Redress; nothing was done. Run verify and restore the key file from a backup.',
  BACKUP_CORRUPT: 'The backup is damaged or not a Redress backup; the current archive was not changed.',
  SAME_FILE: 'The backup is the very archive it would replace; nothing was changed.',
  NOT_A_FILE: '{{file}} is a folder; name a file.',
  PROTECTED_FILE:
    'Redress never writes over an archive, its key file, journals or backups: {{file}}. Nothing was changed.',
  FOLDER_MISSING: 'The folder does not exist: {{folder}}. Redress creates no folders; nothing was changed.',
  FILE_HANDLE_UNKNOWN: 'The chosen file is no longer available. Choose it again.',
  HOST_ARCHIVE_FIXED:
    'This host serves only the archive it was started with; it cannot open or create archives elsewhere.',
  HOST_SESSION_REQUIRED: 'Missing or expired access: open the page again with the link printed at start.',
  PRESET_NOT_FOUND: 'There is no import preset named “{{name}}”.',
  ARCHIVE_BUSY: 'The archive is in use by another program. Try again shortly.',
  ARCHIVE_LOCKED: 'The archive is locked. Please sign in again.',
  NOT_SIGNED_IN: 'Please sign in first.',
  TOO_MANY_ATTEMPTS: 'Too many failed sign-ins. Try again in {{seconds}} s.',
  FORBIDDEN: 'Your role may not do this.',
  NOT_FOUND: 'Record not found.',
  VALIDATION: 'Some input is not valid. Check the marked fields.',
  CONFLICT: 'Someone else changed this record. Refresh and try again.',
  ILLEGAL_TRANSITION: 'Cannot “{{action}}” a case that is “{{from}}”.',
  CASE_READ_ONLY: 'This case is archived; only annotations can be added.',
  BORROW_REQUIRED:
    'This case is archived: request to borrow it; once a supervisor approves, you can read it for the period granted.',
  LETTER_INCOMPLETE:
    'The letter is incomplete; it lacks: {{names}}. Fill these in on the case, or in “Reason / notes”, before printing.',
  CASE_TRANSFERRED:
    'This case was transferred to another branch through head office; here it can only be viewed and annotated.',
  CASE_DISPOSED: 'This case was disposed of and can no longer be changed.',
  CONSTRAINT: 'This conflicts with an existing record; nothing was saved.',
  UNKNOWN_CHANNEL: 'Unknown request.',
  IMPORT_INVALID: 'The import file has a problem: {{detail}}',
  CANCELLED: 'Cancelled; nothing was written.',
  SYNC_GAP:
    'The sync data skips earlier records (before no. {{seq}} of terminal {{installation}}); nothing was changed, the next sync fills the gap.',
  SYNC_CHAIN_BROKEN:
    'The sync data failed its check (record {{seq}} of terminal {{installation}} was altered or damaged); all of it was refused, nothing was changed.',
  SYNC_FORK:
    'Record {{seq}} of terminal {{installation}} differs from the one this PC holds (a forked history, perhaps restored from an old backup); refused. Contact head office.',
  SYNC_UNAVAILABLE: 'Head office cannot be reached. Nothing is lost; sync retries by itself.',
  SYNC_REFUSED: '{{reason}}',
  SYNC_TERMINAL_CLASH:
    "Two PCs of this branch use terminal code {{terminal}}: case number {{caseNo}} belongs to two different cases, so the one that arrived second is held back; everything else is synced (this PC's own records reached head office; nothing is lost). An administrator runs redress sync repair-terminal on one of the two PCs (redress hq status lists both); after that, one more sync on each PC brings every case in.",
  LEGAL_HOLD:
    'Case {{caseNo}} is under a legal hold (litigation or regulatory investigation) and cannot be disposed of until the hold is lifted. Nothing was changed.',
  SAME_PERSON:
    'Disposal needs two people: whoever proposed a batch cannot approve it. Ask another supervisor or administrator.',
  NOT_DISPOSABLE: 'Case {{caseNo}} cannot be disposed of. Nothing was changed.',
  RETENTION_TOO_SHORT:
    'A retention period cannot be shorter than the legal minimum ({{years}} years). Nothing was changed.',
  HANDOVER_SAME_PERSON:
    'A handover needs two different people: nobody can hand the archive over to themselves. Nothing was changed.',
  HANDOVER_PENDING:
    'Handover {{id}} is still waiting for its recipient; they must accept or refuse it first. Nothing was changed.',
  HANDOVER_NOT_RECIPIENT:
    'Only the recipient named in this handover ({{name}}) can accept or refuse it. Nothing was changed.',
  INTERNAL: 'An internal error stopped the operation; no data was changed.',
});
