/**
 * HQ ingest bench (issue 15 "Performance"): events/s from N concurrent branch clients, and one
 * installation's first sync of a large history. HQ runs as its own process (`node --import tsx
 * hq/main.ts`) on an embedded PostgreSQL, like production; the clients run here, with their
 * batches hashed and signed before the clock starts (that is the branch's work, not HQ's).
 *
 *   tsx scripts/bench/hq-ingest.bench.ts [--clients 20] [--events-per-client 5000] [--history 100000]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '../../hq/db/embedded';
import { hqAdminClient, hqClient } from '../../main/services/sync/transport/hq-client';
import type { PushBatch } from '../../shared/sync/protocol';
import { batchOf, enrollFake, nextEvents, type FakeInstallation } from '../../test/helpers/sync-fixtures';
import type { TestHq } from '../../test/helpers/hq-postgres';
import { writeBenchSection } from './performance-doc';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '20' },
    'events-per-client': { type: 'string', default: '5000' },
    history: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '1000' },
  },
});
const CLIENTS = Number(values.clients);
const PER_CLIENT = Number(values['events-per-client']);
const HISTORY = Number(values.history);
const BATCH = Number(values.batch);
const PASSWORD = 'bench-admin-password';

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function buildBatches(
  installation: FakeInstallation,
  total: number,
  size: number,
): Promise<PushBatch[]> {
  const batches: PushBatch[] = [];
  for (let done = 0; done < total; done += size) {
    batches.push(await batchOf(installation, nextEvents(installation, Math.min(size, total - done))));
  }
  return batches;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-hq-bench-'));
  const pg = await startEmbeddedPostgres(dir, { quiet: true });
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'hq/main.ts', '--data', dir, '--port', '0', '--json'],
    {
      env: { ...process.env, DATABASE_URL: pg.url, REDRESS_HQ_PASSWORD: PASSWORD },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const endpoint = JSON.parse(
      await new Promise<string>((resolve) =>
        readline.createInterface({ input: child.stdout }).once('line', resolve),
      ),
    ) as { url: string; fingerprint: string };
    const hq = {
      endpoint,
      admin: hqAdminClient(endpoint, { username: 'hqadmin', password: PASSWORD }),
    } as TestHq;
    const client = hqClient(endpoint);

    const installations = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => enrollFake(hq, `B${String(i).padStart(3, '0')}`)),
    );
    const perClient = await Promise.all(installations.map((inst) => buildBatches(inst, PER_CLIENT, BATCH)));
    const started = performance.now();
    await Promise.all(
      perClient.map(async (batches) => {
        for (const batch of batches) await client.push(batch);
      }),
    );
    const concurrentSeconds = (performance.now() - started) / 1000;
    const concurrentRate = (CLIENTS * PER_CLIENT) / concurrentSeconds;

    const big = await enrollFake(hq, 'BIG1');
    const history = await buildBatches(big, HISTORY, 5000);
    const historyStart = performance.now();
    for (const batch of history) await client.push(batch);
    const historySeconds = (performance.now() - historyStart) / 1000;
    const rss = peakRssMb(child.pid!);

    const date = new Date().toISOString().slice(0, 10);
    const body = `## HQ ingest (\`tsx scripts/bench/hq-ingest.bench.ts\`)

${date}, reduced scale, machine shared with other jobs (2 cores; HQ, PostgreSQL and the clients on the same machine).
HQ as its own process on an embedded PostgreSQL 18 (fsync on); clients sign their batches before the clock starts.

| Measure | Scale | Result | Target |
|---|---|---|---|
| Concurrent ingest | ${CLIENTS} clients × ${PER_CLIENT.toLocaleString('en')} events, batches of ${BATCH} | ${Math.round(concurrentRate).toLocaleString('en')} events/s (${concurrentSeconds.toFixed(1)} s) | ≥ 20,000 events/s |
| First sync of one branch's history | ${HISTORY.toLocaleString('en')} events, batches of 5,000 | ${historySeconds.toFixed(1)} s (${Math.round(HISTORY / historySeconds).toLocaleString('en')} events/s) | 1M events in one sync |
| HQ peak RSS (PostgreSQL aside) | through both runs | ${rss.toFixed(0)} MB | < 1 GB |

Each batch: signature check, hash of every event, chain link, one multi-row INSERT, the cases it
touches refolded, a signed receipt, all in one transaction.
`;
    writeBenchSection('hq-ingest', body);
    process.stdout.write(body);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
