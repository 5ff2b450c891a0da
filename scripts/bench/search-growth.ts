/**
 * How the full-text catch-up's cost per case grows with the archive, measured on one large archive
 * in one process (a base made by scripts/bench/seed-base.ts, or the 3M archive an import bench run
 * keeps with `--keep`): the index is emptied (`delete-all`, watermark 0) and built again by
 * `buildSearchIndex` in its 20,000-case steps, as the CLI and the bench build it after an import.
 * Prints one JSON line per 100,000 cases indexed: the CPU seconds those cases took (this thread:
 * FTS5 has no helper thread) and the wall seconds. A catch-up
 * that grows with the archive shows as a rising cost per 100,000.
 *
 *   tsx scripts/bench/search-growth.ts --dir DIR [--up-to N] [--automerge N]
 *
 * `--automerge N`: FTS5's merge setting for this build (kept in the archive; 4 is FTS5's default,
 * 16 the app's since 2026-12-07: db/repos/case-search.repo.ts SEARCH_AUTOMERGE).
 *
 * It rewrites the archive's search index in place: run it on a copy of a base, never on the base
 * an import bench is about to copy.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSearchIndex } from '../../main/services/cases/search-index';
import { openSession } from '../../main/services/auth/auth.service';
import { BENCH_ADMIN } from './archive-setup';

const { values } = parseArgs({
  options: { dir: { type: 'string' }, 'up-to': { type: 'string' }, automerge: { type: 'string' } },
});
if (!values.dir) throw new Error('usage: --dir DIR [--up-to N] [--automerge N]');
const WINDOW = 100_000;
/** Thrown from the progress callback to end the build at `--up-to`. */
class StopBuild extends Error {}

const file = path.join(values.dir, 'encrypted.redress');
const session = await openSession({ file, username: BENCH_ADMIN.username, password: BENCH_ADMIN.password });
const client = session.db.$client;

try {
  const cases = client.prepare('SELECT count(*) FROM cases').pluck().get() as number;
  const upTo = Number(values['up-to'] ?? cases);
  client.transaction(() => {
    client.exec(`INSERT INTO case_search (case_search) VALUES ('delete-all')`);
    client.prepare('UPDATE case_search_state SET indexed_up_to = 0 WHERE id = 1').run();
  })();
  console.log(JSON.stringify({ cases, emptied: true }));
  let windowCpu = process.threadCpuUsage();
  let windowWall = performance.now();
  let windowStart = 0;
  buildSearchIndex(
    session.db,
    ({ done, total }) => {
      if (done - windowStart < WINDOW && done < Math.min(upTo, total)) return;
      const cpu = process.threadCpuUsage(windowCpu);
      console.log(
        JSON.stringify({
          indexed: done,
          cases: done - windowStart,
          cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
          wallSeconds: Number(((performance.now() - windowWall) / 1000).toFixed(2)),
        }),
      );
      windowStart = done;
      windowCpu = process.threadCpuUsage();
      windowWall = performance.now();
      if (done >= upTo) throw new StopBuild();
    },
    values.automerge === undefined ? undefined : Number(values.automerge),
  );
} catch (error) {
  if (!(error instanceof StopBuild)) throw error;
} finally {
  session.close();
}
