/**
 * What each secondary index's rebuild costs in memory and time on an existing archive (a base made
 * by scripts/bench/seed-base.ts): the import's rebuild (batch-writer.ts `finish`) sorts each index
 * of the whole archive in memory (`temp_store = MEMORY`), so its peak is the largest of these sorts
 * on top of what the process already holds. Each index is dropped and built again inside a
 * transaction that is rolled back: the archive is left as it was.
 *
 *   tsx scripts/bench/index-rebuild-memory.ts --dir DIR [--only name,name] [--estimate-only]
 *
 * `--estimate-only`: print only what db/index-sort-memory.ts predicts for each sort (entries and
 * their average size, from the index's pages), building nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { rebuildIndex, secondaryIndexes } from '../../db/bulk-load';
import { indexSize, rebuildSortBytes } from '../../db/index-sort-memory';
import { openSession } from '../../main/services/auth/auth.service';
import { BENCH_ADMIN } from './archive-setup';

const { values } = parseArgs({
  options: { dir: { type: 'string' }, only: { type: 'string' }, 'estimate-only': { type: 'boolean' } },
});
if (!values.dir) throw new Error('usage: --dir DIR [--only name,name] [--estimate-only]');
const only = values.only ? new Set(values.only.split(',')) : null;

function statusKb(field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) : 0;
}

const file = path.join(values.dir, 'encrypted.redress');
const session = await openSession({ file, username: BENCH_ADMIN.username, password: BENCH_ADMIN.password });
const client = session.db.$client;
try {
  const cases = client.prepare('SELECT count(*) FROM cases').pluck().get() as number;
  console.log(`${cases} cases; RSS ${Math.round(statusKb('VmRSS') / 1024)} MB`);
  client.pragma('cache_size = -16384');
  for (const index of secondaryIndexes(client)) {
    if (only && !only.has(index.name)) continue;
    // What db/index-sort-memory.ts predicts for this sort, from the index's own pages.
    const size = indexSize(client, index.name);
    console.log(
      `${index.name.padEnd(36)} ${size.entries} entries of ${size.averagePayload.toFixed(1)} bytes: sort ~${(rebuildSortBytes(size, 0) / 1e6).toFixed(0)} MB`,
    );
    if (values['estimate-only']) continue;
    client.exec('BEGIN IMMEDIATE');
    try {
      client.exec(`DROP INDEX "${index.name}"`);
      client.pragma('shrink_memory');
      const before = statusKb('VmRSS');
      fs.writeFileSync('/proc/self/clear_refs', '5');
      const cpu = process.cpuUsage();
      const started = performance.now();
      rebuildIndex(client, index);
      const used = process.cpuUsage(cpu);
      const sortMb = (statusKb('VmHWM') - before) / 1024;
      console.log(
        `${index.name.padEnd(36)} +${sortMb.toFixed(0).padStart(4)} MB  ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s wall  ${((used.user + used.system) / 1e6).toFixed(1).padStart(6)} s CPU`,
      );
    } finally {
      client.exec('ROLLBACK');
    }
  }
} finally {
  session.close();
}
