import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { createArchive } from '../../services/archive/archive.service';
import { defaultArchivePath } from '../../services/archive/paths';
import { requireFolderOf } from '../../services/files/output-guard';
import type { CliIo } from '../io';
import { printJson } from '../output';
import { globalOptions, readNewPassword } from '../session';

interface InitOptions {
  branchCode: string;
  branchName: string;
  terminal: string;
  admin: string;
  displayName?: string;
}

export function register(program: Command, io: CliIo): void {
  const h = io.text.help;
  program
    .command('init')
    .description(h.init)
    .requiredOption('--branch-code <code>', h.branchCode)
    .requiredOption('--branch-name <name>', h.branchName)
    .requiredOption('--terminal <code>', h.terminal)
    .requiredOption('--admin <name>', h.admin)
    .option('--display-name <name>', h.displayName)
    .action(async (options: InitOptions, command: Command) => {
      const { archive, json } = globalOptions(command, io);
      // The admin's first password: REDRESS_NEW_PASSWORD, or REDRESS_PASSWORD (what later commands use).
      const password = await readNewPassword(io, options.admin, ['REDRESS_NEW_PASSWORD', 'REDRESS_PASSWORD']);
      // Only the app's own data folder is made; a folder the user named must already exist.
      if (archive === path.resolve(defaultArchivePath()))
        fs.mkdirSync(path.dirname(archive), { recursive: true });
      else requireFolderOf(archive);
      const { recoveryKey, fingerprint } = await createArchive({
        file: archive,
        branch: { code: options.branchCode, name: options.branchName },
        terminalCode: options.terminal,
        admin: { username: options.admin, displayName: options.displayName ?? options.admin, password },
      });
      if (json) {
        printJson(io, { archive, recoveryKey, fingerprint, warning: io.text.init.recoveryWarning });
        return;
      }
      io.out(io.say(io.text.init.created, { file: archive }));
      io.out('');
      io.out(io.text.init.recoveryTitle);
      io.out(`    ${recoveryKey}`);
      io.out(io.say(io.text.init.fingerprint, { fingerprint }));
      io.out('');
      io.out(io.text.init.recoveryWarning);
    });
}
