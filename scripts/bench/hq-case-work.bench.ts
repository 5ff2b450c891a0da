/**
 * HQ case-work projection bench: what projecting contacts / rectification actions / referrals
 * costs at ingest (batches of case events alone against batches where half the events are case
 * work), and how long the status page's per-branch counts take once the tables are large.
 * In-process HQ on its own embedded PostgreSQL.
 *
 *   tsx scripts/bench/hq-case-work.bench.ts [--events 20000] [--rows 100000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { hqClient } from '../../main/services/sync/transport/hq-client';
import { hqStatus } from '../../hq/admin/status.service';
import { startEmbeddedPostgres } from '../../hq/db/embedded';
import { startTestHq, type TestHq } from '../../test/helpers/hq-postgres';
import { batchOf, enrollFake, type FakeInstallation } from '../../test/helpers/sync-fixtures';
import {
  caseColumns,
  chainEvents,
  rectification,
  type EventSpec,
} from '../../test/hq/ingest/case-work-fixtures';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '20000' }, rows: { type: 'string', default: '100000' } },
});
const EVENTS = Number(values.events);
const ROWS = Number(values.rows);

/** `count` events: one case registered per 10 events; with `work`, every other event is case work. */
function specs(count: number, work: boolean, branch: string): EventSpec[] {
  const out: EventSpec[] = [];
  let caseId = '';
  for (let i = 0; i < count; i++) {
    if (i % 10 === 0) {
      caseId = uuidv7();
      out.push({
        caseId,
        type: 'case.registered',
        payload: { columns: caseColumns(caseId, `${branch}-T1-20261201-${i}`, branch) },
      });
    } else if (work && i % 2 === 1) {
      out.push({ caseId, type: 'case.rectification_added', payload: { action: rectification(caseId) } });
    } else {
      out.push({ caseId, type: 'case.annotated', payload: { note: '备注' } });
    }
  }
  return out;
}

async function ingestSeconds(hq: TestHq, pc: FakeInstallation, work: boolean) {
  const all = chainEvents(pc, specs(EVENTS, work, pc.enrollment.branchCode));
  const batches = [];
  for (let i = 0; i < all.length; i += 1000) batches.push(await batchOf(pc, all.slice(i, i + 1000)));
  const client = hqClient(hq.endpoint);
  const started = performance.now();
  for (const batch of batches) await client.push(batch);
  return (performance.now() - started) / 1000;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-bench-hqwork-'));
  const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-bench-pg-'));
  const server = await startEmbeddedPostgres(pgDir, { quiet: true });
  const serverUrl = () => Promise.resolve(server.url);
  const hq = await startTestHq({ newDatabaseUrl: serverUrl, newHqDatabaseUrl: serverUrl }, { dataDir: dir });
  try {
    const plain = await ingestSeconds(hq, await enrollFake(hq, 'BJ01'), false);
    const withWork = await ingestSeconds(hq, await enrollFake(hq, 'SH02'), true);
    console.log(
      `ingest ${EVENTS} events: case events only ${plain.toFixed(2)} s (${Math.round(EVENTS / plain)} ev/s); half case work ${withWork.toFixed(2)} s (${Math.round(EVENTS / withWork)} ev/s); ratio ${(withWork / plain).toFixed(2)}`,
    );
    await hq.db
      .execute(sql`INSERT INTO case_rectifications (id, case_id, branch_code, what, department, owner, due_date, status, created_by, created_at, updated_at, last_order)
      SELECT gen_random_uuid(), gen_random_uuid(), 'B' || (n % 40), '整改', '部门', '负责人',
        to_char(date '2026-01-01' + (n % 365), 'YYYY-MM-DD'), (ARRAY['planned','in_progress','done','verified'])[1 + n % 4],
        'u', 0, 0, '' FROM generate_series(1, ${ROWS}) AS n`);
    await hq.db.execute(sql`ANALYZE case_rectifications`);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await hqStatus(hq.db, hq.identity, Date.UTC(2026, 11, 6));
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(
      `status with ${ROWS} extra rectification rows over 40 branches: median ${times[2]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times[4]!.toFixed(0)})`,
    );
  } finally {
    await hq.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(pgDir, { recursive: true, force: true });
  }
}

void main();
