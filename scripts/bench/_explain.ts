import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../hq/db/embedded';
import { startHq } from '../../hq/start';
import { hqAdminClient, hqClient } from '../../main/services/sync/transport/hq-client';
import { batchOf, enrollFake, nextEvents } from '../../test/helpers/sync-fixtures';
import type { TestHq } from '../../test/helpers/hq-postgres';
import { caseEventMaker } from './hq-process';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'explain-'));
const pgs = await startEmbeddedPostgres(dir, { quiet: true });
const hq = await startHq({ dataDir: dir, databaseUrl: pgs.url, adminPassword: async () => 'password123' });
const endpoint = { url: hq.url, fingerprint: hq.identity.fingerprint };
const t = { endpoint, admin: hqAdminClient(endpoint, { username: 'hqadmin', password: 'password123' }) } as TestHq;
const inst = await enrollFake(t, 'B001');
const make = caseEventMaker(inst);
const client = hqClient(endpoint);
for (let i = 0; i < Number(process.env.N ?? 30); i++) await client.push(await batchOf(inst, nextEvents(inst, 1000, make)));
const pool = hq.db.$client;
const ids = (await pool.query('SELECT DISTINCT case_id FROM events ORDER BY case_id DESC LIMIT 100')).rows.map((r) => r.case_id);
for (const q of [
  `EXPLAIN (ANALYZE, BUFFERS) SELECT DISTINCT case_id FROM events WHERE case_id = ANY($1::uuid[]) AND NOT (installation_id = '${inst.id}'::uuid AND seq BETWEEN 29001 AND 30000)`,
]) {
  const r = await pool.query(q, [ids]);
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
}
console.log((await pool.query(`SELECT pg_size_pretty(pg_total_relation_size('cases')) c, pg_size_pretty(pg_relation_size('cases')) h, (SELECT avg(pg_column_size(data)) FROM cases) d, (SELECT avg(octet_length(data::text)) FROM cases) dt`)).rows);
await hq.close(); await pgs.stop(); fs.rmSync(dir, { recursive: true, force: true });
