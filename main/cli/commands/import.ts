import path from 'node:path';
import type { Command } from 'commander';
import { IMPORT_ENCODINGS, IMPORT_MODES, type ImportReport } from '../../../shared/domain/import';
import { importMessages, importProblemMessage } from '../../../shared/i18n/import';
import { runImport, type ImportRequest } from '../../services/import/import.service';
import { buildSearchIndexWithProgress } from '../search-index-progress';
import { EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL, QuietExit, UsageError } from '../errors';
import type { CliIo } from '../io';
import { printJson } from '../output';
import { withSession } from '../session';
import { readTextFile } from '../text-files';
import { sayCount } from '../../../shared/i18n/define';

interface ImportCommandOptions {
  preset?: string;
  mapping?: string;
  dryRun?: boolean;
  mode?: string;
  encoding?: string;
  sheet?: string;
}

/** Problems printed in text mode; the rest are counted (the report and rejected file have them). */
const PRINTED_PROBLEMS = 20;

export function register(program: Command, io: CliIo): void {
  const t = importMessages[io.locale].cli;
  program
    .command('import')
    .description(t.help)
    .argument('<file>')
    .option('--preset <name>', t.helpPreset)
    .option('--mapping <file>', t.helpMapping)
    .option('--dry-run', t.helpDryRun)
    .option('--mode <mode>', t.helpMode, 'all-or-nothing')
    .option('--encoding <encoding>', t.helpEncoding)
    .option('--sheet <name>', t.helpSheet)
    .action(async (file: string, options: ImportCommandOptions, command: Command) => {
      const request = buildRequest(io, path.resolve(file), options);
      await withSession(io, command, async (session, global) => {
        const showProgress = io.isInteractive && !global.json;
        const report = await runImport(session.ctx, {
          ...request,
          locale: io.locale,
          onProgress: showProgress
            ? (p) =>
                process.stderr.write(
                  `\r${io.say(t.progress, { rows: p.rowsDone, rate: p.rowsPerSecond, left: Math.round(p.secondsLeft ?? 0) })}`,
                )
            : undefined,
        });
        if (showProgress) process.stderr.write('\n');
        // A large import leaves its cases to be indexed afterwards; a command line has no
        // afterwards, so it indexes them before it ends (the app does it in the background).
        if (!report.isDryRun) buildSearchIndexWithProgress(io, session.db, showProgress);
        const outcome = importOutcome(report);
        if (global.json) printJson(io, { ...report, ...outcome });
        else printReport(io, report);
        if (outcome.exitCode !== EXIT_OK) throw new QuietExit(outcome.exitCode);
      });
    });
}

function buildRequest(io: CliIo, file: string, options: ImportCommandOptions): ImportRequest {
  const t = importMessages[io.locale].cli;
  if ((options.preset === undefined) === (options.mapping === undefined)) throw new UsageError(t.needSource);
  const mode = options.mode ?? 'all-or-nothing';
  if (!(IMPORT_MODES as readonly string[]).includes(mode)) {
    throw new UsageError(
      io.say(io.text.usage.invalidChoice, { detail: `--mode ${mode} (${IMPORT_MODES.join(', ')})` }),
    );
  }
  const encoding = options.encoding ?? 'auto';
  if (!(IMPORT_ENCODINGS as readonly string[]).includes(encoding)) {
    throw new UsageError(
      io.say(io.text.usage.invalidChoice, { detail: `--encoding ${encoding} (utf8, gb18030)` }),
    );
  }
  return {
    file,
    preset: options.preset,
    mapping: options.mapping === undefined ? undefined : readMappingFile(io, options.mapping),
    options: {
      mode: mode as (typeof IMPORT_MODES)[number],
      encoding: encoding as (typeof IMPORT_ENCODINGS)[number],
      sheet: options.sheet,
      isDryRun: Boolean(options.dryRun),
    },
  };
}

/** A mapping file holds either a mapping or a whole preset (as `savePreset` takes it). */
function readMappingFile(io: CliIo, file: string): NonNullable<ImportRequest['mapping']> {
  const text = readTextFile(io, file, 16);
  try {
    const raw = JSON.parse(text.replace(/^\uFEFF/, '')) as { mapping?: unknown };
    return (raw.mapping ?? raw) as NonNullable<ImportRequest['mapping']>;
  } catch {
    // JSON.parse's own message is English ("Unexpected token…"): name the file instead.
    throw new UsageError(io.say(importMessages[io.locale].cli.badMappingFile, { file }));
  }
}

/**
 * The exit code tells a script what happened: 0 every row was imported or was already there; 1
 * nothing was written because of problems (all-or-nothing, or nothing valid at all); 3 the
 * valid rows were written and the others skipped (skip-invalid). A dry run answers as the import would.
 */
export function importOutcome(report: ImportReport): {
  outcome: 'complete' | 'rejected' | 'partial';
  exitCode: number;
} {
  if (report.rejected === 0) return { outcome: 'complete', exitCode: EXIT_OK };
  const wroteSome = report.mode === 'skip-invalid' && report.validRows > 0;
  return wroteSome
    ? { outcome: 'partial', exitCode: EXIT_PARTIAL }
    : { outcome: 'rejected', exitCode: EXIT_FAILURE };
}

function printReport(io: CliIo, report: ImportReport): void {
  const t = importMessages[io.locale].cli;
  const counts = {
    rowsRead: report.rowsRead,
    validRows: report.validRows,
    imported: report.imported,
    updated: report.updated,
    unchanged: report.unchanged,
    rejected: report.rejected,
  };
  for (const problem of report.problems.slice(0, PRINTED_PROBLEMS)) {
    io.err(
      io.say(t.problemLine, {
        row: problem.row,
        column: problem.column ?? '-',
        message: importProblemMessage(problem, io.locale),
      }),
    );
  }
  if (report.problemCount > PRINTED_PROBLEMS)
    io.err(sayCount(t, 'moreProblems', report.problemCount - PRINTED_PROBLEMS, io.locale));
  if (report.isDryRun) return io.out(io.say(t.dryRunSummary, counts));
  if (report.mode === 'all-or-nothing' && report.rejected > 0) io.err(t.rolledBack);
  io.out(io.say(t.summary, counts));
  if (report.rejectedFile) io.out(io.say(t.rejectedFile, { file: report.rejectedFile }));
}
