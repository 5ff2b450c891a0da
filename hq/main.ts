import cluster from 'node:cluster';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { MIN_PASSWORD_LENGTH } from './auth/hq-users';
import { startHq } from './start';
import { runHqWorker, startHqCluster, workerCount } from './cluster';
import { passwordSchema } from '../shared/domain/auth';

/**
 * `npm run hq -- [--data DIR] [--port N] [--host H] [--json]`: Redress HQ over HTTPS. With no
 * DATABASE_URL it runs its own PostgreSQL in DIR (default ~/.local/share/redress-hq). HQ_WORKERS
 * processes share the port (hq/cluster.ts; default one per core beyond the first, at most 4).
 */
async function promptPassword(): Promise<string> {
  const fromEnv = process.env.REDRESS_HQ_PASSWORD;
  if (fromEnv) return checkedPassword(fromEnv);
  if (!process.stdin.isTTY) throw new Error('set REDRESS_HQ_PASSWORD to create hqadmin');
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Echo off: the password must not appear on screen or in the terminal's scrollback.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  process.stdout.write(`hqadmin 密码 / password (≥ ${MIN_PASSWORD_LENGTH}): `);
  const password = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return checkedPassword(password);
}

/** The branch app's password policy, said in one line before anything is created. */
function checkedPassword(password: string): string {
  if (passwordSchema.safeParse(password).success) return password;
  process.stderr.write(
    `redress hq: hqadmin 的密码须为 ${MIN_PASSWORD_LENGTH} 到 200 个字符 / the password must be ${MIN_PASSWORD_LENGTH} to 200 characters\n`,
  );
  process.exit(2);
}

function parseCommandLine() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const port = values.port === undefined ? 8443 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('redress hq: --port must be 0..65535\n');
    process.exit(2);
  }
  const dataDir = path.resolve(
    values.data ?? process.env.REDRESS_HQ_DATA ?? path.join(os.homedir(), '.local/share/redress-hq'),
  );
  return { dataDir, host: values.host ?? '127.0.0.1', port, json: values.json ?? false };
}

async function run(): Promise<void> {
  const { json, ...where } = parseCommandLine();
  const options = {
    ...where,
    databaseUrl: process.env.DATABASE_URL || undefined,
    adminPassword: promptPassword,
  };
  const workers = workerCount();
  const hq = workers > 1 ? await startHqCluster(options, workers) : await startHq(options);
  const info = {
    url: hq.url,
    fingerprint: hq.identity.fingerprint,
    hqId: hq.identity.hqId,
    createdAdmin: hq.createdAdmin,
  };
  if (json) process.stdout.write(`${JSON.stringify(info)}\n`);
  else {
    process.stdout.write(`Redress HQ: ${hq.url}\n证书指纹 / certificate fingerprint: ${info.fingerprint}\n`);
    if (hq.createdAdmin)
      process.stdout.write('已创建总部管理员 hqadmin / created HQ administrator hqadmin\n');
  }
  const stop = () => void hq.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

(cluster.isWorker ? runHqWorker(parseCommandLine()) : run()).catch((error: unknown) => {
  process.stderr.write(`redress hq: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
