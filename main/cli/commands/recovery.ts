import type { Command } from 'commander';
import { recordsCliMessages } from '../../../shared/i18n/records-cli';
import { recoverWithRecoveryKey, rotateRecoveryKey } from '../../services/auth/recovery.service';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { printJson } from '../output';
import {
  globalOptions,
  readNewPassword,
  requireArchiveFile,
  resolveUsername,
  signInGuards,
  withSession,
} from '../session';

/** REDRESS_RECOVERY_KEY for scripts, else a prompt without echo (it unlocks the whole archive). */
async function readRecoveryKey(io: CliIo): Promise<string> {
  const text = recordsCliMessages[io.locale];
  const fromEnv = io.env.REDRESS_RECOVERY_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return fromEnv;
  if (!io.isInteractive) throw new UsageError(text.needRecoveryKey);
  return io.promptHidden(text.promptRecoveryKey);
}

export function register(program: Command, io: CliIo): void {
  const text = recordsCliMessages[io.locale];

  program
    .command('recover')
    .description(text.help.recover)
    .action(async (_options: unknown, command: Command) => {
      const global = globalOptions(command, io);
      requireArchiveFile(global.archive);
      const username = await resolveUsername(io, global.user);
      const recoveryKey = await readRecoveryKey(io);
      const newPassword = await readNewPassword(io, username);
      await recoverWithRecoveryKey({
        file: global.archive,
        recoveryKey,
        username,
        newPassword,
        throttle: signInGuards(global.archive).throttle,
      });
      if (global.json) printJson(io, { username, recovered: true });
      else io.out(io.say(text.recovered, { username }));
    });

  program
    .command('recovery-key')
    .description(text.help.recoveryKey)
    .action(async (_options: unknown, command: Command) => {
      await withSession(io, command, (session, global) => {
        const issued = rotateRecoveryKey(session.ctx);
        if (global.json) return printJson(io, { ...issued, warning: text.issuedWarning });
        io.out(text.issuedTitle);
        io.out(`    ${issued.recoveryKey}`);
        io.out(io.say(text.fingerprint, { fingerprint: issued.fingerprint }));
        io.out('');
        io.out(text.issuedWarning);
      });
    });
}
