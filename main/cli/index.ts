import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { cliMessages } from '../../shared/i18n/cli';
import { interpolate, localeFromEnv } from '../../shared/i18n/define';
import * as archiveCommands from './commands/archive';
import * as backupCommands from './commands/backup';
import * as caseCommands from './commands/case';
import * as caseWorkCommands from './commands/casework';
import * as importCommands from './commands/import';
import * as initCommand from './commands/init';
import * as letterCommand from './commands/letter';
import * as retentionCommands from './commands/retention';
import * as disposalCommands from './commands/disposal';
import * as handoverCommands from './commands/handover';
import * as recoveryCommands from './commands/recovery';
import * as piiKeyCommands from './commands/pii-key';
import * as reportCommands from './commands/report';
import * as seedCommand from './commands/seed';
import * as userCommands from './commands/user';
import * as hqCommands from './commands/hq';
import * as syncCommands from './commands/sync';
import { EXIT_USAGE, reportError } from './errors';
import { createProcessIo, localeFrom, type CliIo } from './io';
import { wordHelp } from './help-words';

/** A command module adds its commands to the program. Each lives in main/cli/commands/. */
export interface CommandModule {
  register(program: Command, io: CliIo): void;
}

/**
 * Every command group, in help order. To add one, write main/cli/commands/<group>.ts exporting
 * `register(program, io)` and add it here (import and report add theirs below).
 */
const COMMAND_MODULES: readonly CommandModule[] = [
  initCommand,
  userCommands,
  recoveryCommands,
  piiKeyCommands,
  caseCommands,
  caseWorkCommands,
  archiveCommands,
  backupCommands,
  seedCommand,
  importCommands,
  reportCommands,
  letterCommand,
  retentionCommands,
  disposalCommands,
  handoverCommands,
  syncCommands,
  hqCommands,
];

export function buildProgram(io: CliIo): Command {
  const h = io.text.help;
  const program = wordHelp(new Command('redress'), io.text.helpFrame)
    .description(h.program)
    .option('--archive <path>', h.archive)
    .option('--json', h.json)
    .option('--user <name>', h.user)
    .option('--lang <lang>', h.lang)
    .showSuggestionAfterError(false)
    // Errors become exceptions, reported as one line by reportError; help still goes to stdout.
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined });
  for (const module of COMMAND_MODULES) module.register(program, io);
  return program;
}

/** Runs one command line; resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // Whether the command printed anything: with --json a failure then adds its JSON error object
  // only where stdout is still empty (verify and import print their JSON result, then fail).
  let printed = false;
  const watched: CliIo = {
    ...io,
    out: (line) => {
      printed = true;
      io.out(line);
    },
  };
  try {
    await buildProgram(watched).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    return reportError(error, io, wantsJson(argv) && !printed);
  }
}

/** `--json` among the options (not after `--`, where it would be an argument). */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // A reader that stops early (`redress case show X | head -5`) closes the pipe: end quietly, as
  // other command-line tools do, instead of dying of an unhandled EPIPE with a stack trace. What
  // was to be written is the reader's to miss; the command's work is done or rolled back as ever.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  const locale = localeFrom(argv, process.env);
  if (typeof locale !== 'string') {
    const said = cliMessages[localeFromEnv(process.env)].usage.badLang;
    process.stderr.write(`redress: ${interpolate(said, { name: locale.invalid })}\n`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  process.exitCode = await runCli(argv, createProcessIo(locale));
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) await main();
