import type { Command } from 'commander';
import { authMessages } from '../../../shared/i18n/auth';
import { hqPageMessages } from '../../../shared/i18n/hq-pages';
import { hqUsersCliMessages } from '../../../shared/i18n/hq-users-cli';
import { passwordSchema } from '../../../shared/domain/auth';
import { hqRoleSchema, type HqRoleName, type HqUserChange } from '../../../shared/sync/hq-users';
import type { HqAdminClient } from '../../services/sync/transport/hq-client';
import { CommandFailure, UsageError } from '../errors';
import type { CliIo } from '../io';
import { formatTable, printJson } from '../output';
import { globalOptions, readNewPassword } from '../session';

/** What `redress hq …` gives each subcommand: its --hq/--fingerprint options and a signed-in client. */
export interface HqCommandKit<O> {
  withHq(command: Command): Command;
  adminFor(options: O): Promise<HqAdminClient>;
  /** The signed-in user's own name and password too (`redress hq password` proves the current one). */
  signInFor(options: O): Promise<{ username: string; password: string; client: HqAdminClient }>;
}

type Users = HqAdminClient['users'];

function parseRole(io: CliIo, value: string): HqRoleName {
  const role = hqRoleSchema.safeParse(value);
  if (!role.success) throw new UsageError(io.say(hqUsersCliMessages[io.locale].badRole, { name: value }));
  return role.data;
}

/** The password the administrator sets, checked with the branch app's policy before anything is sent. */
async function chosenPassword(io: CliIo, username: string, isSet: boolean | undefined) {
  if (!isSet) return undefined;
  const password = await readNewPassword(io, username);
  const checked = passwordSchema.safeParse(password);
  if (checked.success) return password;
  const key =
    checked.error.issues[0]?.message === 'auth.validation.passwordTooLong'
      ? 'passwordTooLong'
      : 'passwordTooShort';
  throw new UsageError(authMessages[io.locale].validation[key]);
}

async function userIdOf(io: CliIo, users: Users, name: string): Promise<string> {
  const { users: all } = await users.list();
  const found = all.find((u) => u.username === name.trim().toLowerCase());
  if (!found) throw new CommandFailure(io.say(hqUsersCliMessages[io.locale].noSuchUser, { name }));
  return found.id;
}

/** The change's line, and the made-up password (once) when HQ made one; --json prints the answer as is. */
function report(
  io: CliIo,
  command: Command,
  change: HqUserChange,
  line: keyof (typeof hqUsersCliMessages)['en'],
) {
  if (globalOptions(command, io).json) return printJson(io, change);
  const t = hqUsersCliMessages[io.locale];
  const role = hqPageMessages[io.locale].roles[change.user.role];
  io.out(io.say(t[line], { user: change.user.username, role }));
  if (change.password !== undefined) io.out(io.say(t.madePassword, { password: change.password }));
}

export function registerHqUsers<O extends object>(hq: Command, io: CliIo, kit: HqCommandKit<O>): void {
  const t = hqUsersCliMessages[io.locale];
  // Any HQ user, for their own password: the one call HQ answers while an administrator's is pending.
  kit
    .withHq(hq.command('password').description(t.ownPassword))
    .action(async (options: O, command: Command) => {
      const { username, password, client } = await kit.signInFor(options);
      const newPassword = (await chosenPassword(io, username, true))!;
      const changed = await client.changeOwnPassword(password, newPassword);
      if (globalOptions(command, io).json) return printJson(io, changed);
      io.out(io.say(t.ownPasswordChanged, { user: changed.username }));
    });
  const users = hq.command('users').description(t.users);
  const usersOf = async (options: O) => (await kit.adminFor(options)).users;

  kit.withHq(users.command('list').description(t.list)).action(async (options: O, command: Command) => {
    const { users: all } = await (await usersOf(options)).list();
    if (globalOptions(command, io).json) return printJson(io, { users: all });
    const { roles, users: heads } = hqPageMessages[io.locale];
    const rows = all.map((u) => [u.username, roles[u.role], u.isActive ? t.active : t.inactive]);
    for (const line of formatTable([heads.username, heads.role, heads.status], rows)) io.out(line);
  });

  kit
    .withHq(users.command('add <name>').description(t.add))
    .requiredOption('--role <role>', t.roleOption)
    .option('--set-password', t.setPassword)
    .action(async (name: string, options: O & { role: string; setPassword?: boolean }, command: Command) => {
      const role = parseRole(io, options.role);
      const password = await chosenPassword(io, name, options.setPassword);
      const change = await (
        await usersOf(options)
      ).create({ username: name, role, ...(password ? { password } : {}) });
      report(io, command, change, 'created');
    });

  kit
    .withHq(users.command('role <name>').description(t.role))
    .requiredOption('--role <role>', t.roleOption)
    .action(async (name: string, options: O & { role: string }, command: Command) => {
      const role = parseRole(io, options.role);
      const client = await usersOf(options);
      report(io, command, await client.changeRole(await userIdOf(io, client, name), role), 'roleChanged');
    });

  kit
    .withHq(users.command('deactivate <name>').description(t.deactivate))
    .action(async (name: string, options: O, command: Command) => {
      const client = await usersOf(options);
      report(io, command, await client.deactivate(await userIdOf(io, client, name)), 'deactivated');
    });

  for (const [verb, line] of [
    ['reactivate', 'reactivated'],
    ['reset-password', 'passwordReset'],
  ] as const) {
    kit
      .withHq(
        users.command(`${verb} <name>`).description(verb === 'reactivate' ? t.reactivate : t.resetPassword),
      )
      .option('--set-password', t.setPassword)
      .action(async (name: string, options: O & { setPassword?: boolean }, command: Command) => {
        const password = await chosenPassword(io, name, options.setPassword);
        const client = await usersOf(options);
        const id = await userIdOf(io, client, name);
        const change =
          verb === 'reactivate'
            ? await client.reactivate(id, password)
            : await client.resetPassword(id, password);
        report(io, command, change, line);
      });
  }
}
