/**
 * The disposal list's query (db/repos/retention.repo.ts endedCasesUpTo) at a realistic size: seeds
 * `--count` cases (minimal history) over six years into a new encrypted archive, then prints its
 * EXPLAIN QUERY PLAN and its time, as the administrator's list runs it.
 *
 *   tsx scripts/bench/disposal-plan.ts [--count 100000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { endedCasesSql, endedCasesUpTo } from '../../db/repos/retention.repo';
import { listDisposable } from '../../main/services/retention/disposal.service';
import { addDays, localDate } from '../../shared/domain/deadlines';
import { ENDED_STATUSES } from '../../shared/domain/retention';
import { seedArchive } from '../../main/services/seed/seed-archive';
import { openEncrypted } from './archive-setup';

const { values } = parseArgs({ options: { count: { type: 'string' } } });
const count = Number(values.count ?? 100_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-disposal-plan-'));
const archive = await openEncrypted(dir);
try {
  const now = Date.now();
  const to = localDate(now, archive.ctx.clock.timeZone);
  seedArchive(archive.db, {
    count,
    seed: 'disposal-plan',
    from: addDays(to, -6 * 365),
    to,
    notAfter: now,
    history: 'minimal',
    actorUserId: archive.ctx.actor.userId,
  });
  const cutOff = addDays(to, -3 * 365);
  const plan = archive.db.$client
    .prepare(`EXPLAIN QUERY PLAN ${endedCasesSql(ENDED_STATUSES.length, null)}`)
    .all(cutOff, ...ENDED_STATUSES) as { detail: string }[];
  process.stdout.write(`${count.toLocaleString('en-US')} cases; plan:\n`);
  for (const step of plan) process.stdout.write(`  ${step.detail}\n`);
  for (let run = 0; run < 3; run++) {
    let start = performance.now();
    const rows = endedCasesUpTo(archive.db, cutOff, ENDED_STATUSES, null);
    const queryMs = performance.now() - start;
    start = performance.now();
    const list = listDisposable(archive.ctx);
    const listMs = performance.now() - start;
    process.stdout.write(
      `  run ${run + 1}: query ${queryMs.toFixed(1)} ms (${rows.length.toLocaleString('en-US')} ended before ${cutOff}); listDisposable ${listMs.toFixed(1)} ms (${list.total} past retention)\n`,
    );
  }
} finally {
  archive.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
