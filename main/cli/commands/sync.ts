import path from 'node:path';
import type { Command } from 'commander';
import { syncMessages } from '../../../shared/i18n/sync';
import { uiSyncMessages } from '../../../shared/i18n/ui-sync';
import { requirePermission } from '../../services/access-guards';
import { importReplyBundle } from '../../services/sync/transport/bundles';
import { exportBundleToFile } from '../../services/sync/transport/bundle-files';
import { enrollInstallation } from '../../services/sync/transport/enroll';
import { checkAgainstLastReceipt } from '../../services/sync/transport/receipts';
import { buildSearchIndexWithProgress } from '../search-index-progress';
import {
  branchEngine,
  restoreFromHq,
  syncNow,
  syncStatus,
  type SyncStatus,
} from '../../services/sync/transport/sync-run';
import { CommandFailure, UsageError } from '../errors';
import { isFingerprint, isHqUrl, normaliseEnrollmentCode } from '../../../shared/sync/hq-address';
import type { CliIo } from '../io';
import { cliTime, printJson } from '../output';
import { withSession } from '../session';
import { MAX_BUNDLE_MB, readTextFile } from '../text-files';
import { requireCaseRow } from '../../../db/repos/cases/cases.repo';
import { transferCase } from '../../services/sync/transfer/transfer.service';
import { resolveCaseId } from './case';
import { receiptProblemLine } from './receipt-words';
import { describeRecordedFailure } from '../../services/sync/sync-words';
import { repairTerminal } from '../../services/sync/terminal-repair.service';
import { refuseHeldCaseNumbers } from '../../services/sync/held-case-numbers';

/** `redress sync …`: this installation and head office (`--archive` as everywhere). */
export function register(program: Command, io: CliIo): void {
  const t = syncMessages[io.locale].cli;
  // The sync screen's words, where the command line says the same (uiSyncMessages).
  const words = uiSyncMessages[io.locale].screen;
  const sync = program.command('sync').description(t.sync);

  sync
    .command('enroll <url>')
    .description(t.syncEnroll)
    .requiredOption('--code <code>', t.syncCode)
    .requiredOption('--fingerprint <fp>', t.syncFingerprint)
    .option('--restore', t.syncRestore)
    .action(
      async (
        url: string,
        options: { code: string; fingerprint: string; restore?: boolean },
        command: Command,
      ) => {
        if (!isHqUrl(url)) throw new UsageError(io.say(t.badHqUrl, { url }));
        if (!isFingerprint(options.fingerprint))
          throw new UsageError(io.say(t.badFingerprint, { fingerprint: options.fingerprint }));
        const code = normaliseEnrollmentCode(options.code);
        if (code === null) throw new UsageError(io.say(t.badCode, { code: options.code }));
        await withSession(io, command, async (session, global) => {
          requirePermission(session.ctx, 'archive:manage');
          const db = session.ctx.db;
          const restore = Boolean(options.restore);
          const state = await enrollInstallation(db, { url, ...options, code, restore });
          // Nobody works on this PC while the command runs: the check of HQ's rows goes at full pace.
          const restored = options.restore
            ? await restoreFromHq(db, session.ctx.clock.now(), undefined, { checkPause: 0 })
            : null;
          // The restore leaves its cases to be indexed for search afterwards; a command line has
          // no afterwards, so it indexes them before it ends (the app does it in the background).
          if (restored) buildSearchIndexWithProgress(io, db, io.isInteractive && !global.json);
          const { installationId: installation, piiKeyHint } = syncStatus(db);
          if (global.json)
            return printJson(io, {
              url,
              branchCode: state.branchCode,
              installationId: installation,
              hqId: state.hqId,
              restored,
              piiKeyHint,
            });
          io.out(io.say(t.enrolled, { url, branch: state.branchCode, installation }));
          if (restored)
            io.out(io.say(t.restored, { applied: restored.applied, cases: restored.casesChanged }));
          if (piiKeyHint) io.out(words.piiKeyHint);
        });
      },
    );

  sync
    .command('now')
    .description(t.syncNow)
    .action(async (_options: unknown, command: Command) => {
      await withSession(io, command, async (session, global) => {
        requirePermission(session.ctx, 'case:read');
        const result = await syncNow(session.ctx.db, session.ctx.clock.now());
        if (global.json) return printJson(io, result);
        io.out(
          io.say(t.synced, {
            pushed: result.pushed,
            acked: result.ackedSeq,
            applied: result.applied,
            cases: result.casesChanged,
            conflicts: result.conflicts,
          }),
        );
      });
    });

  sync
    .command('repair-terminal')
    .description(t.syncRepairTerminal)
    .action(async (_options: unknown, command: Command) => {
      await withSession(io, command, async (session, global) => {
        const result = await repairTerminal(session.ctx);
        if (global.json) printJson(io, result);
        else if (result.terminalCode === result.previousTerminalCode && result.renumbered.length === 0)
          io.out(io.say(words.repair.nothing, { terminal: result.terminalCode }));
        else {
          const { previousTerminalCode: from, terminalCode: to, renumbered } = result;
          io.out(io.say(words.repair.repaired, { from, to, count: renumbered.length }));
          for (const change of renumbered) io.out(`  ${change.from} → ${change.to}`);
        }
        // Pairs none of whose cases this PC made: the sync still stops on them (exit 1, in words).
        refuseHeldCaseNumbers(session.ctx.db);
      });
    });

  sync
    .command('status')
    .description(t.syncStatus)
    .action(async (_options: unknown, command: Command) => {
      await withSession(io, command, async (session, global) => {
        requirePermission(session.ctx, 'case:read');
        const status = syncStatus(session.ctx.db);
        const receipt = await checkAgainstLastReceipt(session.ctx.db);
        // The kept failure in words, as the app's status shows it (not its stored record).
        const lastError = status.lastError && describeRecordedFailure(status.lastError, io.locale);
        const problem = receiptProblemLine(io, receipt);
        if (global.json) {
          printJson(io, { ...status, lastError, receiptCheck: receipt });
          // A chain rewritten since the last receipt fails the command with --json too.
          if (problem) throw new CommandFailure(problem);
          return;
        }
        if (!status.enrolled) return io.out(io.say(t.notEnrolledStatus, { waiting: status.waiting }));
        io.out(
          io.say(t.status, {
            url: status.hqUrl ?? '',
            waiting: status.waiting,
            last: cliTime(status.lastSyncAt, t.never, session.clock.timeZone),
            receipt: status.lastReceipt?.seq ?? 0,
          }),
        );
        if (lastError) io.out(io.say(t.statusError, { error: lastError }));
        if (status.piiKeyHint) io.out(words.piiKeyHint);
        heldCaseLines(io, status.heldCases);
        restoreCheckLines(io, status.restoreCheck, session.clock.timeZone);
        if (problem) throw new CommandFailure(problem);
      });
    });

  sync
    .command('transfer <case>')
    .description(t.syncTransfer)
    .requiredOption('--to <branch>', t.syncTransferTo)
    .requiredOption('--reason <text>', t.syncTransferReason)
    .action(async (idOrCaseNo: string, options: { to: string; reason: string }, command: Command) => {
      await withSession(io, command, async (session, global) => {
        const caseId = resolveCaseId(session, idOrCaseNo);
        const { version } = requireCaseRow(session.ctx.db, caseId);
        const detail = transferCase(session.ctx, {
          caseId,
          toBranch: options.to,
          reason: options.reason,
          expectedVersion: version,
        });
        if (global.json) return printJson(io, { caseNo: detail.record.caseNo, transferredTo: options.to });
        io.out(io.say(t.transferred, { caseNo: detail.record.caseNo, branch: options.to }));
      });
    });

  sync
    .command('export-bundle')
    .description(t.syncExport)
    .requiredOption('--out <file>', t.syncOut)
    .action(async (options: { out: string }, command: Command) => {
      await withSession(io, command, async (session, global) => {
        requirePermission(session.ctx, 'archive:manage');
        const bundle = await exportBundleToFile(session.ctx.db, options.out, session.ctx.clock.now());
        const file = bundle.file;
        if (global.json) return printJson(io, { file, events: bundle.events, bundleId: bundle.bundleId });
        io.out(io.say(t.exported, { file, events: bundle.events }));
      });
    });

  sync
    .command('import-bundle <file>')
    .description(t.syncImport)
    .action(async (file: string, _options: unknown, command: Command) => {
      const text = readTextFile(io, path.resolve(file), MAX_BUNDLE_MB);
      await withSession(io, command, async (session, global) => {
        requirePermission(session.ctx, 'archive:manage');
        const result = await importReplyBundle(session.ctx.db, branchEngine, text, session.ctx.clock.now());
        if (global.json) return printJson(io, result);
        if (result.alreadyImported) return io.out(t.replyAlreadyImported);
        io.out(
          io.say(t.replyImported, {
            applied: result.applied,
            cases: result.casesChanged,
            acked: result.ackedSeq,
          }),
        );
      });
    });
}

/** `sync status`: the cases held back by a terminal clash, by number, and how to repair it. */
function heldCaseLines(io: CliIo, held: SyncStatus['heldCases']): void {
  if (held.length === 0) return;
  const words = uiSyncMessages[io.locale].screen.repair;
  io.out(words.intro);
  for (const { caseNo, holderIsThisPc } of held)
    io.out(`  ${caseNo}  ${holderIsThisPc ? words.holderThisPc : words.holderOtherPc}`);
  io.out(held.some((row) => row.holderIsThisPc) ? words.remedyHere : words.remedyElsewhere);
}

/** `sync status`: the check of a restore's rows from HQ, under way or done, and what it rewrote. */
function restoreCheckLines(io: CliIo, check: SyncStatus['restoreCheck'], timeZone: string): void {
  if (!check) return;
  const words = uiSyncMessages[io.locale].screen.check;
  const { checked, total, differed } = check;
  if (check.state === 'pending') return io.out(io.say(words.pending, { checked, total, differed }));
  const when = cliTime(check.at, '', timeZone);
  io.out(io.say(differed === 0 ? words.done : words.rewritten, { checked, differed, when }));
  for (const caseNo of check.caseNos) io.out(`  ${caseNo}`);
}
