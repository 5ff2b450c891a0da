import { defineMessages } from './define';

/** `redress hq users …` (main/cli/commands/hq-users.ts); roles and refusals come from hq-pages.ts and sync.ts. */
export const hqUsersCliMessages = defineMessages(
  {
    users: '总部用户管理（列出、新建、更改角色、停用、重新启用、重置密码；每项更改在总部留痕）',
    list: '列出总部用户及其角色',
    add: '新建总部用户（不带 --set-password 时由总部生成初始密码，只显示一次）',
    role: '更改总部用户的角色',
    roleOption:
      '角色：hq_admin（总部管理员）、hq_analyst（总部分析员）、hq_consumer_protection（消费者权益保护）',
    deactivate: '停用总部用户（其会话立即结束）',
    reactivate: '重新启用总部用户并设置新密码',
    resetPassword: '重置总部用户的密码（其会话立即结束）',
    setPassword: '自行设置密码（REDRESS_NEW_PASSWORD 或提示输入），否则由总部生成',
    badRole: '没有这个总部角色：{{name}}（可用：hq_admin、hq_analyst、hq_consumer_protection）',
    noSuchUser: '总部没有用户 {{name}}。',
    active: '已启用',
    inactive: '已停用',
    created: '已新建总部用户 {{user}}（{{role}}）。',
    roleChanged: '总部用户 {{user}} 的角色现为 {{role}}。',
    deactivated: '总部用户 {{user}} 已停用。',
    reactivated: '总部用户 {{user}} 已重新启用。',
    passwordReset: '总部用户 {{user}} 的密码已重置。',
    ownPassword:
      '更改自己的总部密码（REDRESS_HQ_USER / REDRESS_HQ_PASSWORD 为当前的，新密码取自 REDRESS_NEW_PASSWORD 或提示输入）',
    ownPasswordChanged: '总部用户 {{user}} 的密码已更改。',
    madePassword: '初始密码（只显示这一次）：{{password}}',
  },
  {
    users:
      'HQ users (list, create, change role, deactivate, re-activate, reset password; every change is audited at HQ)',
    list: 'List HQ users and their roles',
    add: 'Create an HQ user (without --set-password head office makes the initial password, shown once)',
    role: 'Change an HQ user’s role',
    roleOption:
      'Role: hq_admin (HQ administrator), hq_analyst (HQ analyst), hq_consumer_protection (consumer protection)',
    deactivate: 'Deactivate an HQ user (their sessions end at once)',
    reactivate: 'Re-activate an HQ user with a new password',
    resetPassword: 'Reset an HQ user’s password (their sessions end at once)',
    setPassword:
      'Set the password yourself (REDRESS_NEW_PASSWORD or a prompt); otherwise head office makes one',
    badRole: 'No such HQ role: {{name}} (hq_admin, hq_analyst, hq_consumer_protection)',
    noSuchUser: 'Head office has no user {{name}}.',
    active: 'active',
    inactive: 'deactivated',
    created: 'HQ user {{user}} created ({{role}}).',
    roleChanged: 'HQ user {{user}} is now {{role}}.',
    deactivated: 'HQ user {{user}} is deactivated.',
    reactivated: 'HQ user {{user}} is active again.',
    passwordReset: 'The password of HQ user {{user}} is reset.',
    ownPassword:
      'Change your own HQ password (REDRESS_HQ_USER / REDRESS_HQ_PASSWORD are the current ones; the new one from REDRESS_NEW_PASSWORD or a prompt)',
    ownPasswordChanged: 'The password of HQ user {{user}} is changed.',
    madePassword: 'Initial password (shown only this once): {{password}}',
  },
);
