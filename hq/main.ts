import cluster from 'node:cluster';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { MIN_PASSWORD_LENGTH } from './auth/hq-users';
import { startHq } from './start';
import { folderClosedToPostgres } from './db/embedded';
import { markHqStopping } from './db/open';
import { runHqWorker, startHqCluster, workerCount } from './cluster';
import { passwordSchema } from '../shared/domain/auth';
import { cliMessages } from '../shared/i18n/cli';
import { interpolate, localeFromEnv } from '../shared/i18n/define';
import { serverMessages } from '../shared/i18n/servers';
import { describeListenError, errorCode, parsePort } from '../shared/server-start';

/**
 * `npm run hq -- [--data DIR] [--port N] [--host H] [--json]`: Redress HQ over HTTPS. With no
 * DATABASE_URL it runs its own PostgreSQL in DIR (default ~/.local/share/redress-hq). HQ_WORKERS
 * processes share the port (hq/cluster.ts; default one per core beyond the first, at most 4).
 */
const locale = localeFromEnv(process.env);
const text = serverMessages[locale].hq;

/** One line on stderr and an exit code (2: usage, 1: failure), never a stack trace. */
function refuse(line: string, code: 1 | 2): never {
  process.stderr.write(`redress hq: ${line}\n`);
  process.exit(code);
}

async function promptPassword(): Promise<string> {
  const fromEnv = process.env.REDRESS_HQ_PASSWORD;
  if (fromEnv) return checkedPassword(fromEnv);
  if (!process.stdin.isTTY) refuse(text.needPassword, 2);
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
  refuse(interpolate(text.passwordPolicy, { min: MIN_PASSWORD_LENGTH }), 2);
}

function parseCommandLine() {
  const usage = cliMessages[locale].usage;
  let values: { data?: string; port?: string; host?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        json: { type: 'boolean' },
      },
    }));
  } catch (error) {
    // node:util's words ("Unknown option '--dta'. To specify a positional argument …") are English.
    const name = /'([^']+)'/.exec(error instanceof Error ? error.message : '')?.[1] ?? '';
    const code = errorCode(error);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      refuse(interpolate(usage.missingOptionValue, { name: name.split(' ')[0] ?? name }), 2);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      refuse(interpolate(usage.excessArguments, { detail: name }), 2);
    refuse(interpolate(usage.unknownOption, { name }), 2);
  }
  const port = values.port === undefined ? 8443 : parsePort(values.port);
  if (port === null)
    refuse(interpolate(serverMessages[locale].usage.badPort, { value: values.port ?? '' }), 2);
  const dataDir = path.resolve(values.data ?? process.env.REDRESS_HQ_DATA ?? defaultDataDir());
  return { dataDir, host: values.host ?? '127.0.0.1', port, json: values.json ?? false };
}

/**
 * The user's data folder; as root (servers, containers) /var/lib/redress-hq instead, because the
 * embedded PostgreSQL then runs as `postgres`, which cannot enter /root — unless a database
 * already lives in root's folder (its owner opened the way).
 */
function defaultDataDir(): string {
  const own = path.join(os.homedir(), '.local/share/redress-hq');
  if (process.getuid?.() !== 0 || folderClosedToPostgres(own) === null) return own;
  return fs.existsSync(path.join(own, 'pg', 'PG_VERSION')) ? own : '/var/lib/redress-hq';
}

/**
 * What can be refused before anything is made: a data folder that is a file, a DATABASE_URL that
 * is no address, a port another program holds, and a first start (no embedded database yet) with
 * no way to get hqadmin's password — each used to come after the folder, the database and its
 * schema were made.
 */
async function refuseEarly(where: { dataDir: string; host: string; port: number }, databaseUrl?: string) {
  const { dataDir } = where;
  if (fs.existsSync(dataDir) && !fs.statSync(dataDir).isDirectory())
    refuse(interpolate(text.dataDirUnusable, { dir: dataDir }), 1);
  if (databaseUrl !== undefined && databaseWhere(databaseUrl) === null) refuse(text.databaseUrlInvalid, 2);
  const closed = databaseUrl === undefined ? folderClosedToPostgres(dataDir) : null;
  if (closed !== null) refuse(interpolate(text.dataDirClosed, { folder: closed, dir: dataDir }), 1);
  if (where.port !== 0) {
    const probe = net.createServer();
    await new Promise<void>((resolve) => {
      probe.once('error', (error) => {
        const line = describeListenError(error, where, locale);
        if (line) refuse(line, 1);
        resolve(); // anything else is for the real listen to report
      });
      probe.listen(where.port, where.host, () => probe.close(() => resolve()));
    });
  }
  if (databaseUrl || fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))) return;
  const fromEnv = process.env.REDRESS_HQ_PASSWORD;
  if (fromEnv) checkedPassword(fromEnv);
  else if (!process.stdin.isTTY) refuse(text.needPassword, 2);
}

/** The database's place as host:port (never its password); null for what is no postgres:// address. */
function databaseWhere(databaseUrl: string): string | null {
  try {
    const url = new URL(databaseUrl);
    if (!/^postgres(ql)?:$/.test(url.protocol)) return null;
    return url.host || url.searchParams.get('host') || 'localhost'; // postgres:///db?host=/run/postgresql
  } catch {
    return null;
  }
}

/** A start that failed, in one line: the port, the data folder, the database, else its own words. */
function startFailure(
  error: unknown,
  where: { dataDir: string; host: string; port: number; databaseUrl: string | undefined },
): string {
  const listen = describeListenError(error, where, locale);
  if (listen) return listen;
  const code = errorCode(error);
  const dir = where.dataDir;
  if (code && ['EEXIST', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS'].includes(code))
    return interpolate(text.dataDirUnusable, { dir });
  if (!where.databaseUrl) {
    if (postgresRunsIn(dir)) return interpolate(text.dataDirInUse, { dir });
    if (error === undefined || code === undefined) return interpolate(text.postgresFailed, { dir });
  } else {
    const at = databaseWhere(where.databaseUrl);
    if (at === null || code === 'ERR_INVALID_URL') return text.databaseUrlInvalid;
    if (
      code &&
      ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET'].includes(code)
    )
      return interpolate(text.databaseUnreachable, { where: at });
    if (code === '28P01' || code === '28000') return interpolate(text.databaseLogin, { where: at });
    if (code === '3D000') return interpolate(text.databaseMissing, { where: at });
    if (code === '42501') return interpolate(text.databaseDenied, { where: at });
    if (code && /^[0-9A-Z]{5}$/.test(code)) return interpolate(text.databaseFailed, { code });
  }
  return interpolate(text.failed, { reason: error instanceof Error ? error.message : String(error) });
}

/** Another HQ's PostgreSQL holds the data folder: its pid file names a live process. */
function postgresRunsIn(dataDir: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

async function run(): Promise<void> {
  const { json, ...where } = parseCommandLine();
  const databaseUrl = process.env.DATABASE_URL || undefined;
  await refuseEarly(where, databaseUrl);
  const options = { ...where, databaseUrl, adminPassword: promptPassword };
  const workers = workerCount();
  const hq = await (workers > 1 ? startHqCluster(options, workers) : startHq(options)).catch(
    (error: unknown) => refuse(startFailure(error, { ...where, databaseUrl }), 1),
  );
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
  const stop = () => {
    markHqStopping();
    void hq.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (cluster.isWorker) {
  const where = parseCommandLine();
  runHqWorker(where).catch((error: unknown) =>
    refuse(startFailure(error, { ...where, databaseUrl: process.env.DATABASE_URL }), 1),
  );
} else {
  await run();
}
