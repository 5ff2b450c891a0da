import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { interpolate, localeFromEnv } from '../../shared/i18n/define';
import { serverMessages } from '../../shared/i18n/servers';
import { describeListenError, parsePort } from '../../shared/server-start';
import { defaultArchivePath } from '../services/archive/paths';
import { describeCommanderError } from '../cli/errors';
import { wordHelp } from '../cli/help-words';
import { cliMessages } from '../../shared/i18n/cli';
import { startHost } from './host';

/**
 * `npm run host -- [--archive PATH] [--port N]`: serves the built renderer and the IPC contract on
 * 127.0.0.1 for a browser. The printed URL carries a one-time code: the first browser to open it
 * gets the session (main/host/host-auth.ts). It serves only the archive named here.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const locale = localeFromEnv(process.env);
const text = serverMessages[locale];
/** One line on stderr and an exit code (2: usage, 1: failure), never a stack trace. */
function refuse(line: string, code: 1 | 2): never {
  process.stderr.write(`redress host: ${line}\n`);
  process.exit(code);
}

const program = wordHelp(new Command(), cliMessages[locale].helpFrame)
  .name('redress-host')
  .option('--archive <path>', text.host.options.archive, defaultArchivePath())
  .option('--port <n>', text.host.options.port, '0')
  .option('--renderer <dir>', text.host.options.renderer, path.join(repoRoot, 'dist', 'renderer'))
  .option('--script-url', text.host.options.scriptUrl, false)
  // Commander's own English lines would reach `npm start -- --prot 8080`; ours say it once.
  .configureOutput({ outputError: () => undefined })
  .exitOverride();
try {
  program.parse();
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  if (error.exitCode === 0) process.exit(0); // --help
  refuse(describeCommanderError(error, cliMessages[locale], 'npm start'), 2);
}

const options = program.opts<{ archive: string; port: string; renderer: string; scriptUrl: boolean }>();
const port = parsePort(options.port);
if (port === null) refuse(interpolate(text.usage.badPort, { value: options.port }), 2);
// The app's own data folder is made on first run, as the desktop app makes it; a folder named with
// --archive is the user's and must already exist (nothing creates folders the user did not ask for).
if (program.getOptionValueSource('archive') === 'default') {
  fs.mkdirSync(path.dirname(options.archive), { recursive: true, mode: 0o700 });
}
const host = await startHost({
  archivePath: path.resolve(options.archive),
  port,
  rendererDir: path.resolve(options.renderer),
}).catch((error: unknown) =>
  refuse(
    describeListenError(error, { host: '127.0.0.1', port }, locale) ??
      interpolate(text.host.failed, { reason: error instanceof Error ? error.message : String(error) }),
    1,
  ),
);
console.log(interpolate(text.host.listening, { url: host.url }));
if (options.scriptUrl) console.log(`script ${host.newSignInUrl()}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void host.close().then(() => process.exit(0));
  });
}
