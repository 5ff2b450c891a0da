import path from 'node:path';
import type { Command } from 'commander';
import { BUNDLE_EXTENSION, KEEP_COPIES_MAX } from '../../../shared/domain/backups';
import { cliBackupsMessages } from '../../../shared/i18n/cli-backups';
import { plural } from '../../../shared/i18n/define';
import { formatBytes } from '../../../shared/format-bytes';
import { backupToBundle, backupToPair } from '../../services/backups/backup-now.service';
import {
  backupOverview,
  runScheduledBackup,
  setBackupSchedule,
} from '../../services/backups/backup-schedule.service';
import type { ArchiveSession } from '../../services/archive/session';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { cliTime, printJson } from '../output';
import { withSession } from '../session';

type Text = (typeof cliBackupsMessages)['zh-CN'];

function when(at: number, session: ArchiveSession): string {
  return cliTime(at, '', session.clock.timeZone);
}

function parseKeep(value: string | undefined, text: Text, io: CliIo): number | undefined {
  if (value === undefined) return undefined;
  const keep = Number(value);
  if (!Number.isInteger(keep) || keep < 1 || keep > KEEP_COPIES_MAX)
    throw new UsageError(io.say(text.badKeep, { value }));
  return keep;
}

function printSchedule(io: CliIo, text: Text, session: ArchiveSession): void {
  const { schedule, status } = backupOverview(session.ctx, false);
  io.out(
    io.say(plural(text, 'scheduleShown', schedule.keep, io.locale), {
      state: schedule.isEnabled ? text.scheduleOn : text.scheduleOff,
      folder: schedule.folder ?? text.noFolder,
      count: schedule.keep,
    }),
  );
  if (status.lastGoodAt === null) io.out(text.neverBackedUp);
  else
    io.out(
      io.say(text.lastGood, { when: when(status.lastGoodAt, session), file: status.lastGoodName ?? '' }),
    );
}

type ScheduleOptions = { folder?: string; keep?: string; on?: boolean; off?: boolean };

function registerSchedule(backup: Command, io: CliIo, text: Text): void {
  backup
    .command('schedule')
    .description(text.help.schedule)
    .option('--folder <folder>', text.help.folder)
    .option('--keep <n>', text.help.keep)
    .option('--on', text.help.on)
    .option('--off', text.help.off)
    .action(async (options: ScheduleOptions, command: Command) => {
      if (options.on && options.off) throw new UsageError(text.onAndOff);
      const keep = parseKeep(options.keep, text, io);
      await withSession(io, command, (session, global) => {
        const isChange = options.folder !== undefined || keep !== undefined || options.on || options.off;
        if (isChange)
          setBackupSchedule(session.ctx, {
            ...(options.folder === undefined ? {} : { folder: path.resolve(options.folder) }),
            ...(keep === undefined ? {} : { keep }),
            ...(options.on || options.off ? { isEnabled: Boolean(options.on) } : {}),
          });
        if (global.json) printJson(io, backupOverview(session.ctx, false));
        else printSchedule(io, text, session);
      });
    });
  backup
    .command('run-scheduled')
    .description(text.help.runScheduled)
    .option('--force', text.help.force)
    .action(async (options: { force?: boolean }, command: Command) => {
      await withSession(io, command, (session, global) => {
        const overview = backupOverview(session.ctx, false);
        const result = runScheduledBackup(session, { force: Boolean(options.force) });
        if (global.json) printJson(io, { ran: result !== null, result });
        else if (result)
          io.out(io.say(text.backedUp, { file: result.fileName, size: formatBytes(result.bytes) }));
        else if (overview.nextScheduledAt === null) io.out(text.notScheduled);
        else io.out(io.say(text.notDue, { when: when(overview.nextScheduledAt, session) }));
      });
    });
}

export function register(program: Command, io: CliIo): void {
  const text = cliBackupsMessages[io.locale];
  const backup = program
    .command('backup')
    .description(text.help.backup)
    .argument('[dest]')
    .option('--verify', text.help.verify)
    .action(async (dest: string | undefined, options: { verify?: boolean }, command: Command) => {
      if (!dest) throw new UsageError(command.helpInformation());
      await withSession(io, command, (session, global) => {
        const file = path.resolve(dest);
        const isBundle = file.endsWith(`.${BUNDLE_EXTENSION}`);
        const result = isBundle
          ? { ...backupToBundle(session, file), file, isVerified: true }
          : backupToPair(session, file, { verify: Boolean(options.verify) });
        if (global.json)
          printJson(io, { file: result.file, bytes: result.bytes, verified: result.isVerified });
        else {
          io.out(io.say(text.backedUp, { file: result.file, size: formatBytes(result.bytes) }));
          if (result.isVerified) io.out(text.verified);
        }
      });
    });
  registerSchedule(backup, io, text);
}
