import path from 'node:path';
import type { Command } from 'commander';
import { rekeyArchive } from '../../services/archive/archive.service';
import { restoreFromBackupFile } from '../../services/backups/restore-backup.service';
import { verifyArchiveFile } from '../../services/archive/verify.service';
import { CommandFailure } from '../errors';
import { receiptOkLine, receiptProblemLine } from './receipt-words';
import type { CliIo } from '../io';
import { printJson } from '../output';
import { requireRegularFile } from '../../services/files/output-guard';
import { globalOptions, readPassword, resolveUsername, withSession } from '../session';

/** Signs nothing in: the check runs before anything could be written (verify.service.ts). */
async function runVerify(io: CliIo, command: Command): Promise<void> {
  const a = io.text.archive;
  const global = globalOptions(command, io);
  requireRegularFile(global.archive);
  const username = await resolveUsername(io, global.user);
  const password = await readPassword(io, username);
  const result = await verifyArchiveFile({ file: global.archive, username, password });
  if (global.json) printJson(io, result);
  else {
    if (result.ok) io.out(a.verifyOk);
    for (const line of result.integrity.filter((l) => l !== 'ok')) io.out(line);
    for (const p of result.chainProblems)
      io.out(io.say(a.chainProblem, { installation: p.installationId, seq: p.seq, problem: p.problem }));
    if (result.keyFile === 'changed') io.out(a.keyFileTampered);
    const receiptOk = receiptOkLine(io, result.receipt);
    if (receiptOk) io.out(receiptOk);
    io.out(io.say(a.recoveryFingerprint, { fingerprint: result.recoveryFingerprint }));
  }
  if (!result.ok) {
    const receiptProblem = receiptProblemLine(io, result.receipt);
    const othersSound = result.chainProblems.length === 0 && result.keyFile === 'intact';
    // A chain rewritten consistently after a sync fails only the receipt check: say exactly that.
    if (receiptProblem && othersSound && result.integrity.join() === 'ok')
      throw new CommandFailure(receiptProblem);
    if (receiptProblem && !global.json) io.out(receiptProblem);
    const integrity = result.integrity.filter((l) => l !== 'ok').length;
    const keyFile = result.keyFile === 'intact' ? a.keyFileIntact : a.keyFileBroken;
    throw new CommandFailure(
      io.say(a.verifyFailed, { integrity, chain: result.chainProblems.length, keyFile }),
    );
  }
}

export function register(program: Command, io: CliIo): void {
  const h = io.text.help;
  const a = io.text.archive;

  program
    .command('verify')
    .description(h.verify)
    .action(async (_options: unknown, command: Command) => runVerify(io, command));

  program
    .command('restore <backup>')
    .description(h.restore)
    .action(async (backup: string, _options: unknown, command: Command) => {
      // No session on the target: it may be missing or damaged. The backup's own key file proves the password.
      const global = globalOptions(command, io);
      const backupFile = path.resolve(backup);
      requireRegularFile(backupFile);
      const username = await resolveUsername(io, global.user);
      const password = await readPassword(io, username);
      const { kept } = await restoreFromBackupFile({
        backupFile,
        targetFile: global.archive,
        username,
        password,
      });
      if (global.json) printJson(io, { restoredFrom: backupFile, archive: global.archive, kept });
      else io.out(io.say(kept ? a.restored : a.restoredNew, { file: backupFile, kept: kept ?? '' }));
    });

  program
    .command('rekey')
    .description(h.rekey)
    .action(async (_options: unknown, command: Command) => {
      await withSession(io, command, async (session, global) => {
        await rekeyArchive(session);
        if (global.json) printJson(io, { rekeyed: true });
        else io.out(a.rekeyed);
      });
    });
}
