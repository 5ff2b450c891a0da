import fs from 'node:fs';
import type { Command } from 'commander';
import { piiCliMessages } from '../../../shared/i18n/pii-cli';
import { adoptBranchPiiKey, exportBranchPiiKey } from '../../services/keyring/branch-pii-key';
import { openOutputFile } from '../../services/files/output-guard';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { printJson } from '../output';
import { readTextFile } from '../text-files';
import { withSession } from '../session';
import { sayCount } from '../../../shared/i18n/define';

/** REDRESS_PII_PASSPHRASE for scripts, else a prompt without echo (it opens every identifier). */
async function readPassphrase(io: CliIo): Promise<string> {
  const m = piiCliMessages[io.locale];
  const fromEnv = io.env.REDRESS_PII_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.isInteractive) throw new UsageError(m.needPassphrase);
  return io.promptHidden(m.promptPassphrase);
}

/** `redress pii-key export|adopt`: one personal-identifier key for all PCs of a branch (docs/SYNC.md). */
export function register(program: Command, io: CliIo): void {
  const m = piiCliMessages[io.locale];
  const group = program.command('pii-key').description(m.help.group);

  group
    .command('export')
    .description(m.help.export)
    .requiredOption('--out <file>', m.help.out)
    .action(async (o: { out: string }, command: Command) => {
      await withSession(io, command, async (session, global) => {
        const passphrase = await readPassphrase(io);
        const text = await exportBranchPiiKey(session.ctx, passphrase);
        const fd = openOutputFile(o.out, [global.archive]);
        try {
          fs.writeFileSync(fd, text);
        } finally {
          fs.closeSync(fd);
        }
        if (global.json) printJson(io, { file: o.out });
        else io.out(io.say(m.exported, { file: o.out }));
      });
    });

  group
    .command('adopt <file>')
    .description(m.help.adopt)
    .action(async (file: string, _o: unknown, command: Command) => {
      await withSession(io, command, async (session, global) => {
        const text = readTextFile(io, file, 1);
        const passphrase = await readPassphrase(io);
        const result = await adoptBranchPiiKey(session.ctx, text, passphrase);
        if (global.json) printJson(io, result);
        else io.out(result.adopted ? sayCount(m, 'adopted', result.resealed, io.locale) : m.alreadyAdopted);
      });
    });
}
