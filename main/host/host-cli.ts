import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { defaultArchivePath } from '../services/archive/paths';
import { startHost } from './host';

/**
 * `npm run host -- [--archive PATH] [--port N]`: serves the built renderer and the IPC contract on
 * 127.0.0.1 for a browser. The printed URL carries a one-time code: the first browser to open it
 * gets the session (main/host/host-auth.ts). It serves only the archive named here.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const program = new Command()
  .name('redress-host')
  .option('--archive <path>', 'archive file', defaultArchivePath())
  .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '0')
  .option('--renderer <dir>', 'built renderer', path.join(repoRoot, 'dist', 'renderer'))
  .option('--script-url', 'also print a second one-time URL, for a script beside the browser', false)
  .parse();

const options = program.opts<{ archive: string; port: string; renderer: string; scriptUrl: boolean }>();
// The app's own data folder is made on first run, as the desktop app makes it; a folder named with
// --archive is the user's and must already exist (nothing creates folders the user did not ask for).
if (program.getOptionValueSource('archive') === 'default') {
  fs.mkdirSync(path.dirname(options.archive), { recursive: true, mode: 0o700 });
}
const host = await startHost({
  archivePath: path.resolve(options.archive),
  port: Number(options.port),
  rendererDir: path.resolve(options.renderer),
});
console.log(`Redress host on ${host.url}`);
if (options.scriptUrl) console.log(`script ${host.newSignInUrl()}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void host.close().then(() => process.exit(0));
  });
}
