import type { Command } from 'commander';
import { ROLES, type Role } from '../../../shared/domain/roles';
import { uiCommonMessages } from '../../../shared/i18n/ui-common';
import { changePassword } from '../../services/auth/auth.service';
import { addUser, listUsers, resetPassword } from '../../services/auth/users.service';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { formatTable, printJson } from '../output';
import { readNewPassword, readPassword, withSession } from '../session';

function parseRole(io: CliIo, value: string): Role {
  const role = ROLES.find((r) => r === value);
  if (!role) throw new UsageError(io.say(io.text.usage.badRole, { name: value }));
  return role;
}

export function register(program: Command, io: CliIo): void {
  const h = io.text.help;
  const user = program.command('user').description(h.user_);

  user
    .command('add <name>')
    .description(h.userAdd)
    .requiredOption('--role <role>', h.role)
    .requiredOption('--branch <code>', h.branch)
    .option('--display-name <name>', h.displayName)
    .action(
      async (
        name: string,
        options: { role: string; branch: string; displayName?: string },
        command: Command,
      ) => {
        const role = parseRole(io, options.role);
        const password = await readNewPassword(io, name);
        await withSession(io, command, async (session, global) => {
          const view = await addUser(session.ctx, {
            username: name,
            displayName: options.displayName ?? name,
            role,
            branchCode: options.branch,
            password,
          });
          if (global.json) printJson(io, view);
          else
            io.out(
              io.say(io.text.user.added, {
                username: view.username,
                role: view.role,
                branch: view.branchCode,
              }),
            );
        });
      },
    );

  user
    .command('passwd <name>')
    .description(h.userPasswd)
    .action(async (name: string, _options: unknown, command: Command) => {
      await withSession(io, command, async (session) => {
        const newPassword = await readNewPassword(io, name);
        const isSelf = name.trim().toLowerCase() === session.actor.username;
        if (isSelf) {
          // Changing one's own password proves the current one again, as the app does.
          const currentPassword = await readPassword(io, session.actor.username);
          await changePassword(session, { currentPassword, newPassword });
          io.out(io.say(io.text.user.passwordChanged, { username: session.actor.username }));
        } else {
          await resetPassword(session.ctx, name, newPassword);
          io.out(io.say(io.text.user.passwordReset, { username: name }));
        }
      });
    });

  user
    .command('list')
    .description(h.userList)
    .action(async (_options: unknown, command: Command) => {
      await withSession(io, command, (session, global) => {
        const users = listUsers(session.ctx);
        if (global.json) return printJson(io, users);
        const c = io.text.user.columns;
        const roles = uiCommonMessages[io.locale].roles;
        const rows = users.map((u) => [
          u.username,
          u.displayName,
          roles[u.role],
          u.branchCode,
          u.isActive ? io.text.user.active : io.text.user.inactive,
        ]);
        for (const line of formatTable([c.username, c.displayName, c.role, c.branch, c.active], rows))
          io.out(line);
      });
    });
}
