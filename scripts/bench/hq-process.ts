import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { v7 as uuidv7 } from 'uuid';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../hq/db/embedded';
import { hqAdminClient } from '../../main/services/sync/transport/hq-client';
import type { ReplayEvent } from '../../shared/sync/replay-batch';
import type { TestHq } from '../../test/helpers/hq-postgres';
import type { FakeInstallation } from '../../test/helpers/sync-fixtures';
import { workedCaseEvents } from './sync-workload';

/**
 * HQ as the sync benches run it: its own process (`node --import tsx hq/main.ts`, extra node
 * flags from HQ_NODE_ARGS, e.g. --cpu-prof) on an embedded PostgreSQL in a temp dir, like
 * production; the benches' clients talk to it over HTTPS on loopback.
 */
export interface HqProcess {
  dir: string;
  pg: EmbeddedServer;
  child: ChildProcess;
  endpoint: { url: string; fingerprint: string };
  /** Enough of a test HQ for `enrollFake` and the admin client. */
  hq: TestHq;
  stop(): Promise<void>;
}

const PASSWORD = 'bench-admin-password';

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) used so far by a process and its exited children. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime, stime, cutime, cstime are fields 14-17 (1-based) of the whole line.
    return fields.slice(11, 15).reduce((sum, value) => sum + Number(value), 0) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Live processes below `root` (children, grandchildren, …), from /proc's parent pids. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(fs.readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** CPU seconds of a process and everything below it, live or exited (HQ's cluster workers). */
export function treeCpuSeconds(root: number): number {
  return [root, ...descendants(root)].reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}

/** Peak RSS (VmHWM) summed over a process and its live descendants, in MB: an upper bound. */
export function treePeakRssMb(root: number): number {
  let kb = 0;
  for (const pid of [root, ...descendants(root)]) {
    try {
      kb += Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return kb / 1024;
}

/** PostgreSQL's CPU: the postmaster and every backend it forked (pid file in the data dir). */
function postgresCpuSeconds(dataDir: string): number {
  const postmaster = Number(
    fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  return treeCpuSeconds(postmaster);
}

/** HQ's CPU per thread name (main, V8 GC helpers, libuv pool): where the process time goes. */
export function threadCpu(pid: number): Record<string, number> {
  const byName: Record<string, number> = {};
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    const stat = fs.readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
    const name = /\((.*)\)/.exec(stat)?.[1] ?? '?';
    const fields = stat.split(') ')[1]!.split(' ');
    byName[name] = (byName[name] ?? 0) + (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  }
  return byName;
}

export interface CpuSplit {
  hq: number;
  postgres: number;
  clients: number;
}

export function cpuNow(hqPid: number, dataDir: string): CpuSplit {
  const own = process.cpuUsage();
  return {
    hq: treeCpuSeconds(hqPid),
    postgres: postgresCpuSeconds(dataDir),
    clients: (own.user + own.system) / 1e6,
  };
}

export const cpuSince = (a: CpuSplit, b: CpuSplit): CpuSplit => ({
  hq: b.hq - a.hq,
  postgres: b.postgres - a.postgres,
  clients: b.clients - a.clients,
});

/** A bench HQ's endpoint as `enrollFake` and the admin client take it (also in a child process). */
export function hqAt(endpoint: HqProcess['endpoint']): TestHq {
  return {
    endpoint,
    admin: hqAdminClient(endpoint, { username: 'hqadmin', password: PASSWORD }),
  } as TestHq;
}

/**
 * `hqDir`: the checkout whose hq/main.ts runs (default this one): a bench can run a baseline (an
 * older commit unpacked elsewhere, node_modules linked) and the current code side by side.
 */
export async function startHqProcess(
  options: {
    hqDir?: string;
    nodeArgs?: string | undefined;
    env?: Record<string, string>;
    /**
     * An HQ that ran before (its data dir and PostgreSQL): this process serves the same store and
     * identity, and `stop` ends only the process (a bench compares builds on one set of data).
     */
    on?: Pick<HqProcess, 'dir' | 'pg'>;
  } = {},
): Promise<HqProcess> {
  const dir = options.on?.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'redress-hq-bench-'));
  // BENCH_PG_STATS: PostgreSQL keeps per-statement figures (pg_stat_statements) for the report.
  const flags = process.env.BENCH_PG_STATS ? ['shared_preload_libraries=pg_stat_statements'] : [];
  const pg = options.on?.pg ?? (await startEmbeddedPostgres(dir, { quiet: true, flags }));
  const child = spawn(
    process.execPath,
    [
      ...((options.nodeArgs ?? process.env.HQ_NODE_ARGS)?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      'hq/main.ts',
      '--data',
      dir,
      '--port',
      '0',
      '--json',
    ],
    {
      // BENCH_HQ_DIR: another checkout's HQ for a bench that has no --baseline of its own.
      cwd: options.hqDir ?? process.env.BENCH_HQ_DIR ?? process.cwd(),
      env: {
        ...process.env,
        DATABASE_URL: pg.url,
        REDRESS_HQ_PASSWORD: PASSWORD,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (options.on) return;
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const endpoint = JSON.parse(
      await new Promise<string>((resolve) =>
        readline.createInterface({ input: child.stdout! }).once('line', resolve),
      ),
    ) as { url: string; fingerprint: string };
    return { dir, pg, child, endpoint, hq: hqAt(endpoint), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Events as a branch sends them: cases registered and worked through the real services (one case
 * worked once, its 10 events re-stamped for every case: new case id, number and chain), so HQ
 * verifies, stores and folds what it would in production (payloads ~500 bytes on average).
 */
let template: { events: ReplayEvent[]; caseId: string; caseNo: string; origin: string } | null = null;

/**
 * Worked on first use, not when this module loads: a bench process that only measures (the
 * restore's, whose set-up runs in a child process) must not hold an archive and the services'
 * heap it took to work the case.
 */
function workedTemplate(): NonNullable<typeof template> {
  if (template) return template;
  const events = workedCaseEvents();
  template = {
    events,
    caseId: events[0]!.caseId!,
    caseNo: (JSON.parse(events[0]!.payload) as { caseNo: string }).caseNo,
    origin: events[0]!.installationId,
  };
  return template;
}

/**
 * `interleave` W > 1: cases are worked W at a time, as a branch works many cases side by side: the
 * first event of each of W cases, then the second of each, … so one case's events lie W events
 * apart in the chain (and on several pull pages), not next to each other. `terminal`: the PC's code in
 * the case numbers (two PCs of a branch number their cases apart).
 */
export function caseEventMaker(installation: FakeInstallation, interleave = 1, terminal = 'T1') {
  const sample = workedTemplate();
  const open = new Map<number, { caseId: string; payloads: string[] }>();
  const perBlock = interleave * sample.events.length;
  return (seq: number) => {
    const within = (seq - 1) % perBlock;
    const index = Math.floor(within / interleave);
    const caseNumber = Math.floor((seq - 1) / perBlock) * interleave + (within % interleave) + 1;
    let worked = open.get(caseNumber);
    if (!worked) {
      // Time-ordered, as the branch's case writer makes them (db/uuid-v7.ts): HQ's indexes on case
      // ids then grow at their end, as in production, not at random places.
      const caseId = uuidv7();
      const caseNo = `${installation.enrollment.branchCode}-${terminal}-20261123-${String(caseNumber).padStart(6, '0')}`;
      const payloads = sample.events.map((event) =>
        event.payload
          .replaceAll(sample.caseId, caseId)
          .replaceAll(sample.caseNo, caseNo)
          .replaceAll(sample.origin, installation.id),
      );
      worked = { caseId, payloads };
      open.set(caseNumber, worked);
    }
    if (index === sample.events.length - 1) open.delete(caseNumber);
    const { caseId, payloads } = worked;
    // Event ids time-ordered too, as history.repo's appendEvent makes them: the restoring PC's
    // index on them then grows at its end, as in production, not at random places.
    return {
      id: uuidv7(),
      caseId,
      type: sample.events[index]!.type,
      payload: JSON.parse(payloads[index]!) as unknown,
    };
  };
}
