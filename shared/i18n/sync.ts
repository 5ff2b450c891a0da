import { defineMessages } from './define';
import type { SyncErrorCode } from '../sync/protocol';

/** Sync refusals (shared/sync/protocol.ts SYNC_ERROR_CODES), as the branch's clerk and HQ's administrator read them. */
const zhErrors = {
  BAD_REQUEST: '请求格式不正确，总部未做任何更改。',
  BAD_SIGNATURE: '签名无效：该数据不是由已登记的终端签发的，已拒绝。',
  SEQ_GAP: '事件序号不连续（总部期待第 {{seq}} 号），已拒绝；请先发送之前的事件。',
  CHAIN_BROKEN: '事件链校验失败（第 {{seq}} 号），数据可能被篡改，已拒绝。',
  CHAIN_FORK:
    '事件链分叉：第 {{seq}} 号与总部已保存的不同（可能从旧备份恢复过）。两份均已保留，请联系总部管理员。',
  WRONG_BRANCH: '数据属于其他分支机构，已拒绝。',
  WRONG_HQ: '数据属于另一个总部（不是发给本总部的，或不是本机登记的总部发来的），已拒绝，未做任何更改。',
  UNKNOWN_INSTALLATION: '该终端尚未在总部登记。',
  REVOKED: '该终端已被总部注销，不能再同步。',
  CODE_INVALID: '登记码不正确。',
  CODE_EXPIRED: '登记码已过期，请向总部管理员重新申请。',
  CODE_USED: '登记码已被使用过，每个登记码只能使用一次。',
  CODE_NOT_FOR_RESTORE:
    '该登记码是为普通登记签发的，不能用于从总部恢复：请向总部管理员申请恢复用的登记码，或不选择从总部恢复，直接登记。登记码仍然有效。',
  CODE_ONLY_FOR_RESTORE:
    '该登记码是为恢复丢失的电脑签发的，只能用于从总部恢复：请选择从总部恢复再登记，或向总部管理员申请普通登记码。登记码仍然有效。',
  BUNDLE_TRUNCATED: '同步包不完整（文件被截断），未做任何更改；请重新导出。',
  BUNDLE_INVALID: '文件不是有效的同步包，未做任何更改。',
  UNAUTHORIZED: '总部用户名或密码不正确。',
  TOO_MANY_ATTEMPTS: '该总部用户登录失败次数过多，请稍后再试。',
  FORBIDDEN: '您的总部角色无权执行此操作。',
  NOT_FOUND: '未找到该记录。',
  USER_EXISTS: '该总部用户名已被使用。',
  LAST_ADMIN: '至少要保留一名启用的总部管理员，未做任何更改。',
  OWN_ACCOUNT: '不能停用自己或更改自己的角色，请由另一名总部管理员操作。',
  PASSWORD_CHANGE_REQUIRED:
    '您的总部密码是管理员设置的，请先更改为您自己的密码（redress hq password，或在总部页面登录），再执行其他操作。',
  CODE_CANCELLED: '该登记码已被总部管理员作废，请向总部管理员申请新的登记码。',
  INTERNAL: '总部发生内部错误，未做任何更改，请稍后重试。',
  ALREADY_ENROLLED: '本终端已登记到总部，无需再次登记；登记码未被使用。',
  BAD_HQ_URL: '总部地址不正确（应为 https://主机:端口，例如 https://hq.example:8443），未做任何更改。',
  BUNDLE_FOR_HQ:
    '这是分支机构导出给总部的同步包，应在总部导入（redress hq import-bundle）；本机应导入总部的回复包。未做任何更改。',
  BUNDLE_FOR_BRANCH:
    '这是总部给分支机构的回复包，应在分支机构电脑上导入（redress sync import-bundle）。未做任何更改。',
  BUNDLE_OTHER_INSTALLATION: '这是总部给本机构另一台电脑的回复包，请在那台电脑上导入。未做任何更改。',
  CODE_FOR_OTHER_BRANCH:
    '该登记码是为另一个分支机构签发的，与本档案库的分支机构不符：请向总部管理员申请本分支机构的登记码。登记码仍然有效。',
  TERMINAL_TAKEN:
    '本分支机构另一台在用的电脑已使用相同的终端代码（两台电脑会给出重复的投诉编号）：若那台电脑已丢失，请先在总部注销它再登记；否则请用另一个终端代码新建档案库。登记码仍然有效。',
} satisfies Record<SyncErrorCode, string>;

const enErrors: Record<SyncErrorCode, string> = {
  BAD_REQUEST: 'The request is malformed; head office changed nothing.',
  BAD_SIGNATURE: 'Bad signature: this was not signed by an enrolled installation; refused.',
  SEQ_GAP:
    'Events are not consecutive (head office expects seq {{seq}}); refused. Send the earlier events first.',
  CHAIN_BROKEN: 'The event chain does not verify (seq {{seq}}); the data may have been altered; refused.',
  CHAIN_FORK:
    'Chain fork: seq {{seq}} differs from what head office holds (an old backup restored?). Both versions are kept; contact the HQ administrator.',
  WRONG_BRANCH: 'This data belongs to another branch; refused.',
  WRONG_HQ:
    'This data belongs to another head office (not meant for this one, or not from the one this PC is enrolled at); refused, nothing changed.',
  UNKNOWN_INSTALLATION: 'This installation is not enrolled at head office.',
  REVOKED: 'Head office has revoked this installation; it can no longer sync.',
  CODE_INVALID: 'The enrollment code is wrong.',
  CODE_EXPIRED: 'The enrollment code has expired; ask the HQ administrator for a new one.',
  CODE_USED: 'The enrollment code was already used; each code works once.',
  CODE_NOT_FOR_RESTORE:
    'This enrollment code was issued for a normal enrollment, not for a restore: ask the HQ administrator for a restore code, or enroll without the restore choice. The code is still valid.',
  CODE_ONLY_FOR_RESTORE:
    'This enrollment code was issued for restoring a lost PC: enroll with the restore choice, or ask the HQ administrator for a normal code. The code is still valid.',
  BUNDLE_TRUNCATED: 'The bundle is incomplete (the file was cut short); nothing changed. Export it again.',
  BUNDLE_INVALID: 'This file is not a valid sync bundle; nothing changed.',
  UNAUTHORIZED: 'Wrong head-office user name or password.',
  TOO_MANY_ATTEMPTS: 'Too many failed sign-ins for this HQ user; try again later.',
  FORBIDDEN: 'Your head-office role may not do this.',
  NOT_FOUND: 'No such record.',
  USER_EXISTS: 'This head-office user name is taken.',
  LAST_ADMIN: 'At least one active HQ administrator must remain; nothing changed.',
  OWN_ACCOUNT: 'You cannot deactivate yourself or change your own role; ask another HQ administrator.',
  PASSWORD_CHANGE_REQUIRED:
    'Your head-office password was set by an administrator: change it to your own first (redress hq password, or sign in on HQ’s pages), then try again.',
  CODE_CANCELLED: 'The HQ administrator cancelled this enrollment code; ask for a new one.',
  INTERNAL: 'Head office had an internal error and changed nothing; try again later.',
  ALREADY_ENROLLED: 'This installation is already enrolled at head office; the code was not used.',
  BAD_HQ_URL: 'Not a head office address (https://host:port, e.g. https://hq.example:8443); nothing changed.',
  BUNDLE_FOR_HQ:
    "This is a branch's bundle for head office: import it there (redress hq import-bundle); this PC takes head office's reply. Nothing changed.",
  BUNDLE_FOR_BRANCH:
    "This is head office's reply for a branch PC: import it there (redress sync import-bundle). Nothing changed.",
  BUNDLE_OTHER_INSTALLATION:
    'This reply is for another PC of the branch: import it on that PC. Nothing changed.',
  CODE_FOR_OTHER_BRANCH:
    "This enrollment code was issued for another branch than this archive's: ask the HQ administrator for a code for this branch. The code is still valid.",
  TERMINAL_TAKEN:
    'Another active PC of this branch already has the same terminal code (the two would hand out the same case numbers): if that PC was lost, revoke it at head office first, then enroll; otherwise create the archive with another terminal code. The code is still valid.',
};

export const syncMessages = defineMessages(
  {
    errors: zhErrors,
    transport: {
      unreachable: '无法连接总部（{{detail}}），未做任何更改；请检查网络和总部地址。',
      // Also when enrolling or calling HQ as its administrator with a mistyped fingerprint: not "the enrolled one".
      fingerprintMismatch:
        '总部出示的证书与指纹不符，连接已中断，未做任何更改（请核对指纹是否抄错；也可能有人冒充总部）。',
      notEnrolled: '本终端尚未登记到总部，请先执行 sync enroll。',
      badResponse: '总部的回复无法识别（{{detail}}），未做任何更改。',
      badReceipt: '总部回执的签名无效，已忽略。',
    },
    cli: {
      hq: '总部管理（以 hqadmin 身份：REDRESS_HQ_USER、REDRESS_HQ_PASSWORD）',
      hqUrl: '总部地址，例如 https://127.0.0.1:8443',
      hqFingerprint: '总部证书指纹（也可用 REDRESS_HQ_FINGERPRINT；本机总部可省略）',
      hqEnroll: '为分支机构生成一次性登记码',
      hqBranch: '分支机构代码',
      hqRestore: '用于更换丢失或损坏的电脑：新终端将从总部取回本分支机构的全部投诉',
      hqStatus: '列出终端（分支机构、最近同步、链头、滞后）和各分支机构投诉数',
      hqImportBundle: '导入分支机构的同步包，并写出回复包',
      hqReply: '回复包的输出文件',
      hqRevoke: '注销终端：此后它的推送一律拒绝',
      hqInstallation: '终端编号',
      hqCancelCode: '作废尚未使用的登记码：此后用它登记一律拒绝',
      hqCode: '要作废的登记码',
      badCode: '登记码格式不正确：{{code}}（4 组 4 位字母或数字，例如 ABCD-EFGH-JKLM-NPQR）',
      codeCancelled: '分支机构 {{branch}} 的登记码已作废。',
      syncTransfer: '经总部把投诉移交给其他分支机构（主管；本机保留只读记录）',
      syncTransferTo: '接收的分支机构代码',
      syncTransferReason: '移交原因',
      transferred: '投诉 {{caseNo}} 已标记移交给 {{branch}}，下次同步时经总部送达。',
      hqPublish: '发布总部管理的参考数据（分类、节假日、时限规则、分支机构用户和角色；JSON 文件）',
      hqPublishBranch: '只发给这个分支机构（用户和角色必须指定）',
      published: '已发布参考数据，版本 {{versions}}（{{scope}}）；各终端下次同步时应用。',
      allBranches: '所有分支机构',
      badReferenceFile: '参考数据文件 {{file}} 无效：{{problem}}',
      promptHqPassword: '总部用户 {{username}} 的密码：',
      needHqPassword: '请设置 REDRESS_HQ_PASSWORD。',
      badBranch: '分支机构代码不正确：{{name}}（2–8 位大写字母或数字）',
      badHqUrl: '总部地址不正确：{{url}}（应为 https://主机:端口，例如 https://127.0.0.1:8443）',
      badFingerprint: '证书指纹格式不正确：{{fingerprint}}（应为总部打印的 64 位十六进制数字，可带冒号）',
      needFingerprint:
        '总部 {{url}} 不在本机：请用 --fingerprint 或 REDRESS_HQ_FINGERPRINT 给出总部启动时显示的证书指纹。',
      replyIsBundle: '回复包不能写在同步包本身上：{{file}}（请为 --reply 另选一个文件），未做任何更改。',
      badInstallation:
        '终端编号不正确：{{id}}（应为 hq status 列出的编号，例如 01a24e28-17dd-7301-877f-d1d31a6af8fc）',
      unknownInstallation: '总部没有编号为 {{id}} 的终端，未做任何更改（hq status 列出全部终端）。',
      codeIssued: '登记码：{{code}}（{{expiresAt}} 前有效，仅可使用一次）\n总部证书指纹：{{fingerprint}}',
      revoked: '已注销终端 {{installation}}。',
      bundleImported: '已导入同步包：新事件 {{accepted}} 条，重复 {{duplicates}} 条；回复包已写入 {{file}}',
      bundleAlreadyImported: '该同步包此前已导入，本次未做任何更改；回复包已重新写入 {{file}}',
      noInstallations: '尚无终端登记。',
      casesByBranch_other: '{{branch}}：{{count}} 件投诉',
      projectionBehind: '总部汇总尚有 {{events}} 条事件未计入（通常数秒内补齐）',
      caseWorkByBranch:
        '{{branch}}：整改措施 {{total}} 项（未完成 {{open}}，逾期 {{overdue}}，已完成 {{done}}，已验证 {{verified}}）；转办 {{referrals}} 项（逾期 {{referralsOverdue}}）；联系记录 {{contacts}} 条',
      sync: '与总部同步',
      syncEnroll: '把本终端登记到总部',
      syncCode: '总部管理员提供的登记码',
      syncFingerprint: '总部证书指纹',
      syncRestore: '登记后从总部取回本分支机构的投诉、附件和历史（更换电脑时使用）',
      syncNow: '立即同步：推送本机事件，拉取其他终端的事件',
      syncStatus: '显示同步状态',
      syncExport: '导出同步包（无网络时用 U 盘带到总部）',
      syncOut: '输出文件',
      syncImport: '导入总部的回复包',
      syncRepairTerminal:
        '修复终端号冲突（两台电脑使用同一终端号时）：向总部为本机申请一个本机构从未用过的终端号，并把本机与其他电脑编号相同的投诉重新编号',
      enrolled: '已登记到总部 {{url}}（分支机构 {{branch}}，终端 {{installation}}）。',
      restored: '已从总部取回 {{applied}} 条事件，{{cases}} 件投诉已更新。',
      synced:
        '同步完成：推送 {{pushed}} 条，总部确认至第 {{acked}} 号；拉取并应用 {{applied}} 条，{{cases}} 件投诉更新，冲突 {{conflicts}} 件。',
      status: '总部：{{url}}；待发送事件 {{waiting}} 条；最近同步：{{last}}；最近回执：第 {{receipt}} 号',
      statusError: '上次同步失败：{{error}}',
      notEnrolledStatus: '本终端尚未登记到总部；待发送事件 {{waiting}} 条。',
      never: '从未',
      exported: '已导出同步包 {{file}}：{{events}} 条事件。',
      replyImported:
        '已导入回复包：应用 {{applied}} 条事件，{{cases}} 件投诉更新；总部确认至第 {{acked}} 号。',
      replyAlreadyImported: '该回复包此前已导入，本次未做任何更改。',
      receiptOk: '本机事件链与总部第 {{seq}} 号回执一致。',
      receiptMismatch: '本机事件链与总部回执不符（第 {{seq}} 号）：同步之后历史被改写过！',
      receiptMissing: '总部回执确认的第 {{seq}} 号事件在本机已不存在：同步之后历史被删改过！',
      receiptBadSignature: '保存的总部回执（第 {{seq}} 号）签名无效：回执或登记信息被改动过！',
    },
    status: {
      title: 'Redress 总部状态',
      installations: '终端',
      branch: '分支机构',
      hostname: '计算机名',
      installation: '终端编号',
      lastSync: '最近同步',
      chainHead: '链头',
      lag: '滞后事件数',
      forks: '分叉',
      revoked: '已注销',
      never: '从未',
      casesByBranch: '各分支机构投诉数',
      cases: '投诉数',
      fingerprint: '证书指纹',
      none: '暂无',
    },
  },
  {
    errors: enErrors,
    transport: {
      unreachable:
        "Cannot reach head office ({{detail}}); nothing changed. Check the network and head office's address.",
      fingerprintMismatch:
        "Head office's certificate does not match the fingerprint; connection dropped, nothing changed (check the fingerprint for a typo; someone may be impersonating HQ).",
      notEnrolled: 'This installation is not enrolled at head office; run sync enroll first.',
      badResponse: "Head office's reply cannot be understood ({{detail}}); nothing changed.",
      badReceipt: "Head office's receipt has a bad signature; ignored.",
    },
    cli: {
      hq: 'Head office administration (as hqadmin: REDRESS_HQ_USER, REDRESS_HQ_PASSWORD)',
      hqUrl: 'Head office address, e.g. https://127.0.0.1:8443',
      hqFingerprint:
        "HQ's certificate fingerprint (or REDRESS_HQ_FINGERPRINT; optional for an HQ on this machine)",
      hqEnroll: 'Issue a one-time enrollment code for a branch',
      hqBranch: 'Branch code',
      hqRestore: "For a lost or broken PC: the new installation gets the branch's cases back from HQ",
      hqStatus: 'List installations (branch, last sync, chain heads, lag) and cases per branch',
      hqImportBundle: "Import a branch's sync bundle and write the reply bundle",
      hqReply: 'Output file for the reply bundle',
      hqRevoke: 'Revoke an installation: its pushes are refused from now on',
      hqInstallation: 'Installation id',
      hqCancelCode: 'Cancel an enrollment code not used yet: enrolling with it is refused from now on',
      hqCode: 'The enrollment code to cancel',
      badCode: 'Not an enrollment code: {{code}} (4 groups of 4 letters or digits, e.g. ABCD-EFGH-JKLM-NPQR)',
      syncTransfer:
        'Transfer a case to another branch through head office (supervisors; a read-only record stays here)',
      syncTransferTo: 'Code of the receiving branch',
      syncTransferReason: 'Reason for the transfer',
      transferred:
        'Case {{caseNo}} is marked transferred to {{branch}}; it goes there through head office at the next sync.',
      hqPublish:
        "Publish head office's reference data (classification, holidays, deadline rules, a branch's users and roles; a JSON file)",
      hqPublishBranch: 'Only for this branch (required for users and roles)',
      published:
        'Reference data published as version {{versions}} ({{scope}}); installations apply it at their next sync.',
      allBranches: 'every branch',
      badReferenceFile: 'Reference data file {{file}} is not valid: {{problem}}',
      promptHqPassword: 'Password of HQ user {{username}}: ',
      needHqPassword: 'Set REDRESS_HQ_PASSWORD.',
      badBranch: 'Bad branch code: {{name}} (2–8 capital letters or digits)',
      badHqUrl: 'Not a head office address: {{url}} (https://host:port, e.g. https://127.0.0.1:8443)',
      badFingerprint:
        'Not a certificate fingerprint: {{fingerprint}} (the 64 hex digits head office prints, colons optional)',
      needFingerprint:
        'Head office {{url}} is not on this computer: give the certificate fingerprint it printed at start-up with --fingerprint or REDRESS_HQ_FINGERPRINT.',
      replyIsBundle:
        'The reply cannot be written over the bundle itself: {{file}} (choose another file for --reply); nothing changed.',
      badInstallation:
        'Not an installation id: {{id}} (as hq status lists them, e.g. 01a24e28-17dd-7301-877f-d1d31a6af8fc)',
      unknownInstallation:
        'Head office has no installation {{id}}; nothing changed (hq status lists them all).',
      codeIssued:
        'Enrollment code: {{code}} (valid until {{expiresAt}}, works once)\nHQ certificate fingerprint: {{fingerprint}}',
      revoked: 'Installation {{installation}} revoked.',
      codeCancelled: 'The enrollment code for branch {{branch}} is cancelled.',
      bundleImported:
        'Bundle imported: new events: {{accepted}}; duplicates: {{duplicates}}; reply written to {{file}}',
      bundleAlreadyImported:
        'This bundle was imported before; nothing changed. The reply was written again to {{file}}',
      noInstallations: 'No installation enrolled yet.',
      casesByBranch_one: '{{branch}}: {{count}} case',
      casesByBranch_other: '{{branch}}: {{count}} cases',
      projectionBehind: "Events not yet in HQ's figures: {{events}} (they usually catch up within seconds)",
      caseWorkByBranch:
        '{{branch}}: rectification actions: {{total}} (open {{open}}, overdue {{overdue}}, done {{done}}, verified {{verified}}); referrals: {{referrals}} (overdue {{referralsOverdue}}); contacts: {{contacts}}',
      sync: 'Sync with head office',
      syncEnroll: 'Enroll this installation at head office',
      syncCode: 'Enrollment code from the HQ administrator',
      syncFingerprint: "HQ's certificate fingerprint",
      syncRestore: "After enrolling, get this branch's cases, files and history from HQ (a replaced PC)",
      syncNow: "Sync now: push this PC's events, pull the other installations'",
      syncStatus: 'Show the sync status',
      syncExport: 'Export a sync bundle (carried to HQ on a USB stick when there is no link)',
      syncOut: 'Output file',
      syncImport: "Import head office's reply bundle",
      syncRepairTerminal:
        "Repair a terminal clash (two PCs with one terminal code): get this PC a terminal code its branch never used from head office, and renumber this PC's cases that share their number with another PC's",
      enrolled: 'Enrolled at head office {{url}} (branch {{branch}}, installation {{installation}}).',
      restored: 'Got events back from head office: {{applied}}; cases updated: {{cases}}.',
      synced:
        'Sync done: pushed {{pushed}}, HQ acknowledges up to seq {{acked}}; pulled and applied {{applied}}; cases updated: {{cases}}; conflicts: {{conflicts}}.',
      status: 'HQ: {{url}}; events waiting: {{waiting}}; last sync: {{last}}; last receipt: seq {{receipt}}',
      statusError: 'Last sync failed: {{error}}',
      notEnrolledStatus: 'This installation is not enrolled at head office; events waiting: {{waiting}}.',
      never: 'never',
      exported: 'Sync bundle {{file}} written; events: {{events}}.',
      replyImported:
        'Reply imported: events applied: {{applied}}; cases updated: {{cases}}; HQ acknowledges up to seq {{acked}}.',
      replyAlreadyImported: 'This reply bundle was imported before; nothing changed.',
      receiptOk: "The local chain matches head office's receipt for seq {{seq}}.",
      receiptMismatch:
        "The local chain does not match head office's receipt (seq {{seq}}): history was rewritten after a sync!",
      receiptMissing:
        'Event {{seq}}, which head office acknowledged, is gone from this archive: history was altered after a sync!',
      receiptBadSignature:
        'The kept head office receipt (seq {{seq}}) has a bad signature: the receipt or the enrollment was altered!',
    },
    status: {
      title: 'Redress head office status',
      installations: 'Installations',
      branch: 'Branch',
      hostname: 'Computer',
      installation: 'Installation',
      lastSync: 'Last sync',
      chainHead: 'Chain head',
      lag: 'Lag (events)',
      forks: 'Forks',
      revoked: 'Revoked',
      never: 'never',
      casesByBranch: 'Cases per branch',
      cases: 'Cases',
      fingerprint: 'Certificate fingerprint',
      none: 'none',
    },
  },
);
