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
  WRONG_HQ: '数据不是发给本总部的，已拒绝。',
  UNKNOWN_INSTALLATION: '该终端尚未在总部登记。',
  REVOKED: '该终端已被总部注销，不能再同步。',
  CODE_INVALID: '登记码不正确。',
  CODE_EXPIRED: '登记码已过期，请向总部管理员重新申请。',
  CODE_USED: '登记码已被使用过，每个登记码只能使用一次。',
  BUNDLE_TRUNCATED: '同步包不完整（文件被截断），未做任何更改；请重新导出。',
  BUNDLE_INVALID: '文件不是有效的同步包，未做任何更改。',
  UNAUTHORIZED: '总部用户名或密码不正确。',
  FORBIDDEN: '您的总部角色无权执行此操作。',
  NOT_FOUND: '未找到该记录。',
  INTERNAL: '总部发生内部错误，未做任何更改，请稍后重试。',
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
  WRONG_HQ: 'This data is meant for another head office; refused.',
  UNKNOWN_INSTALLATION: 'This installation is not enrolled at head office.',
  REVOKED: 'Head office has revoked this installation; it can no longer sync.',
  CODE_INVALID: 'The enrollment code is wrong.',
  CODE_EXPIRED: 'The enrollment code has expired; ask the HQ administrator for a new one.',
  CODE_USED: 'The enrollment code was already used; each code works once.',
  BUNDLE_TRUNCATED: 'The bundle is incomplete (the file was cut short); nothing changed. Export it again.',
  BUNDLE_INVALID: 'This file is not a valid sync bundle; nothing changed.',
  UNAUTHORIZED: 'Wrong head-office user name or password.',
  FORBIDDEN: 'Your head-office role may not do this.',
  NOT_FOUND: 'No such record.',
  INTERNAL: 'Head office had an internal error and changed nothing; try again later.',
};

export const syncMessages = defineMessages(
  {
    errors: zhErrors,
    transport: {
      unreachable: '无法连接总部（{{detail}}），本地数据未受影响，稍后将重试。',
      fingerprintMismatch: '总部证书指纹与登记时不符，连接已中断（可能有人冒充总部）。',
      notEnrolled: '本终端尚未登记到总部，请先执行 sync enroll。',
      badResponse: '总部的回复无法识别（{{detail}}），未做任何更改。',
      badReceipt: '总部回执的签名无效，已忽略。',
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
      unreachable: 'Cannot reach head office ({{detail}}); nothing local changed; will retry later.',
      fingerprintMismatch:
        "Head office's certificate fingerprint does not match the enrolled one; connection dropped (someone may be impersonating HQ).",
      notEnrolled: 'This installation is not enrolled at head office; run sync enroll first.',
      badResponse: "Head office's reply cannot be understood ({{detail}}); nothing changed.",
      badReceipt: "Head office's receipt has a bad signature; ignored.",
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
