import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { defaultArchivePath } from '../services/archive/paths';
import { startHost } from './host';

/**
 * `npm run host -- [--archive PATH] [--port N]`: serves the built renderer and the IPC contract on
 * 127.0.0.1 for a browser. The token is in the served page; it is printed only with --print-token
 * (for scripts that call /ipc directly).
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const program = new Command()
  .name('redress-host')
  .option('--archive <path>', 'archive file', defaultArchivePath())
  .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', '0')
  .option('--renderer <dir>', 'built renderer', path.join(repoRoot, 'dist', 'renderer'))
  .option('--print-token', 'also print the per-run token', false)
  .parse();

const options = program.opts<{ archive: string; port: string; renderer: string; printToken: boolean }>();
const host = await startHost({
  archivePath: path.resolve(options.archive),
  port: Number(options.port),
  rendererDir: path.resolve(options.renderer),
});
console.log(`Redress host on ${host.url}`);
if (options.printToken) console.log(`token ${host.token}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void host.close().then(() => process.exit(0));
  });
}
