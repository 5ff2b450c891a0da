import type { Command } from 'commander';
import { addDays, isValidDate, localDate } from '../../../shared/domain/deadlines';
import { requirePermission } from '../../services/access-guards';
import { seedArchive } from '../../services/seed/seed-archive';
import { buildSearchIndexWithProgress } from '../search-index-progress';
import { SEED_CITIES } from '../../services/seed/people';
import type { SeedHistory } from '../../services/seed/seed-types';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { printJson } from '../output';
import { withSession } from '../session';
import { parseCount } from './case-input';
import { sayCount } from '../../../shared/i18n/define';

/** A seed is for tests and benchmarks; ten million cases is already far past any branch's archive. */
const MAX_SEED_COUNT = 10_000_000;

interface SeedCommandOptions {
  count?: string;
  seed?: string;
  from?: string;
  to?: string;
  branches?: string;
  history?: string;
}

const HISTORIES: readonly SeedHistory[] = ['full', 'minimal'];

function parseHistory(io: CliIo, value: string | undefined): SeedHistory {
  if (value === undefined) return 'full';
  const history = HISTORIES.find((h) => h === value);
  if (!history)
    throw new UsageError(
      io.say(io.text.usage.invalidChoice, { detail: `--history ${value} (${HISTORIES.join(', ')})` }),
    );
  return history;
}

function parseDate(io: CliIo, name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isValidDate(value)) throw new UsageError(io.say(io.text.usage.notDate, { name }));
  return value;
}

function parseBranches(io: CliIo, value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  const known = SEED_CITIES.map((city) => city.branchCode);
  const codes = value.split(',').map((code) => code.trim().toUpperCase());
  const unknown = codes.find((code) => !known.includes(code));
  if (unknown)
    throw new UsageError(io.say(io.text.usage.invalidChoice, { detail: `${unknown} (${known.join(', ')})` }));
  return codes;
}

export function register(program: Command, io: CliIo): void {
  const h = io.text.help;
  program
    .command('seed')
    .description(h.seed)
    .requiredOption('--count <n>', h.count)
    .option('--seed <value>', h.seedValue)
    .option('--from <date>', h.from)
    .option('--to <date>', h.to)
    .option('--branches <codes>', h.branches)
    .option('--history <kind>', h.history)
    .action(async (options: SeedCommandOptions, command: Command) => {
      const count = parseCount(io, '--count', options.count, 1);
      if (count > MAX_SEED_COUNT)
        throw new UsageError(io.say(io.text.usage.tooManyCases, { max: MAX_SEED_COUNT }));
      const fromOption = parseDate(io, '--from', options.from);
      const toOption = parseDate(io, '--to', options.to);
      const branches = parseBranches(io, options.branches);
      const history = parseHistory(io, options.history);
      const seed = options.seed ?? '1';
      await withSession(io, command, (session, global) => {
        // Seeding writes cases of several branches at once: an administrator's job.
        requirePermission(session.ctx, 'archive:manage');
        const to = toOption ?? localDate(session.clock.now(), session.clock.timeZone);
        const from = fromOption ?? addDays(to, -365);
        // A range that starts after today has no day on which anything could have happened yet.
        const today = localDate(session.clock.now(), session.clock.timeZone);
        if (from > to || from > today) throw new UsageError(io.text.usage.badRange);
        const started = performance.now();
        const showProgress = io.isInteractive && !global.json;
        // Nothing seeded happens after now: receipts and every later step stop at the clock.
        const notAfter = session.clock.now();
        const result = seedArchive(
          session.db,
          { count, seed, from, to, notAfter, branches, history, actorUserId: session.actor.userId },
          showProgress
            ? (p) =>
                process.stderr.write(
                  `\r${io.say(io.text.seed.progress, { done: p.done, total: p.total, rate: p.casesPerSecond, left: p.secondsLeft ?? '…' })}\x1b[K`,
                )
            : undefined,
        );
        if (showProgress) process.stderr.write('\n');
        buildSearchIndexWithProgress(io, session.db, showProgress);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        if (global.json)
          return printJson(io, { inserted: result.inserted, seed, from, to, seconds: Number(seconds) });
        io.out(sayCount(io.text.seed, 'done', result.inserted, io.locale, { seed, from, to, seconds }));
      });
    });
}
