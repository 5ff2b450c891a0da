import type { Command } from 'commander';
import {
  GRANULARITIES,
  SPLIT_DIMENSIONS,
  type Granularity,
  type SplitDimension,
} from '../../../shared/domain/analytics';
import { isValidDate } from '../../../shared/domain/deadlines';
import { analyticsMessages } from '../../../shared/i18n/analytics';
import { sayCount } from '../../../shared/i18n/define';
import { EXPORT_FORMATS, exportReport, type ExportFormat } from '../../services/reports';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { printJson } from '../output';
import { guardOutputPath } from '../../services/files/output-guard';
import { globalOptions, withSession } from '../session';

interface ReportOptions {
  from?: string;
  to?: string;
  branch?: string;
  business?: string;
  format: string;
  out: string;
  split?: string;
  granularity?: string;
}

function choice<T extends string>(
  io: CliIo,
  values: readonly T[],
  value: string | undefined,
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new UsageError(io.say(io.text.usage.invalidChoice, { detail: `${value} (${values.join(', ')})` }));
}

function date(io: CliIo, name: string, value: string | undefined): string | undefined {
  if (value !== undefined && !isValidDate(value))
    throw new UsageError(io.say(io.text.usage.notDate, { name }));
  return value;
}

function codes(value: string | undefined): string[] | undefined {
  return value
    ? value
        .split(',')
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean)
    : undefined;
}

/** `redress report --from DATE --to DATE [--branch …] --format xlsx|csv|pdf --out FILE` */
export function register(program: Command, io: CliIo): void {
  const t = analyticsMessages[io.locale].cli;
  program
    .command('report')
    .description(t.report)
    .option('--from <date>', t.from)
    .option('--to <date>', t.to)
    .option('--branch <codes>', t.branch)
    .option('--business <codes>', t.business)
    .option('--split <dimension>', t.split)
    .option('--granularity <period>', t.granularity)
    .requiredOption('--format <format>', t.format)
    .requiredOption('--out <file>', t.out)
    .action(async (options: ReportOptions, command: Command) => {
      const format = choice<ExportFormat>(io, EXPORT_FORMATS, options.format, 'xlsx');
      const splitBy = choice<SplitDimension>(io, SPLIT_DIMENSIONS, options.split, 'none');
      const granularity = choice<Granularity>(io, GRANULARITIES, options.granularity, 'month');
      const from = date(io, '--from', options.from);
      const to = date(io, '--to', options.to);
      if (from && to && from > to) throw new UsageError(io.text.usage.badRange);
      const filter = {
        ...(from ? { receivedFrom: from } : {}),
        ...(to ? { receivedTo: to } : {}),
        ...(codes(options.branch) ? { branchCodes: codes(options.branch) } : {}),
        ...(codes(options.business) ? { businessCodes: codes(options.business) } : {}),
      };
      // Checked before the password is asked: no folder is created, no archive file overwritten.
      const protectedFiles = [globalOptions(command, io).archive];
      const filePath = guardOutputPath(options.out, protectedFiles);
      await withSession(io, command, async (session, global) => {
        const controller = new AbortController();
        const onInterrupt = () => controller.abort();
        process.once('SIGINT', onInterrupt);
        const showProgress = io.isInteractive && !global.json;
        const started = performance.now();
        try {
          const result = await exportReport(session.ctx, format, {
            filePath,
            protectedFiles,
            request: { filter, splitBy, granularity },
            locale: io.locale,
            signal: controller.signal,
            onProgress: showProgress
              ? (done, total) => process.stderr.write(`\r${io.say(t.progress, { done, total })}`)
              : undefined,
          });
          if (showProgress) process.stderr.write('\n');
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          if (global.json) return printJson(io, { ...result, format, seconds: Number(seconds) });
          io.out(sayCount(t, 'done', result.rowCount, io.locale, { file: result.filePath, seconds }));
        } finally {
          process.off('SIGINT', onInterrupt);
        }
      });
    });
}
