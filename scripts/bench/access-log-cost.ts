/**
 * What the access log (查阅登记) costs the grid and the case detail, measured in one run with and
 * without it, alternating, on a real encrypted archive of synthetic cases:
 *   npx tsx scripts/bench/access-log-cost.ts --count 20000
 * - case detail: getCase as `cases:get` runs it, alone vs followed by recordAccess; the buffer's
 *   flush (every 200 reads or each second) is timed and spread over the reads it wrote;
 * - grid block: listCases for a block of 100 rows, alone vs with a flush of 100 buffered reads
 *   landing on the same request (the worst case: the grid itself records nothing).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flushAccessLog, recordAccess } from '../../main/services/audit/access-log';
import { openSession } from '../../main/services/auth/auth.service';
import { getCase, listCases } from '../../main/services/cases';
import { caseListQuerySchema } from '../../shared/domain/case-query';
import { BENCH_ADMIN } from './archive-setup';
import { prepareArchive } from './grid-setup';

const args = process.argv.slice(2);
const count = Number(args[args.indexOf('--count') + 1] ?? 20_000) || 20_000;
const ROUNDS = 400;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timed(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-access-bench-'));
  const file = path.join(dir, 'bench.redress');
  await prepareArchive(file, count, (line) => console.log(line));
  const session = await openSession({ file, username: BENCH_ADMIN.username, password: BENCH_ADMIN.password });
  const { ctx } = session;
  const ids = session.db.$client
    .prepare('SELECT id FROM cases ORDER BY random() LIMIT ?')
    .pluck()
    .all(ROUNDS) as string[];
  const detail = { without: [] as number[], with: [] as number[] };
  let flushMs = 0;
  ids.forEach((id, i) => {
    // Alternating which goes first, so drift on the shared machine hits both alike.
    const plain = () => detail.without.push(timed(() => getCase(ctx, id)));
    const logged = () =>
      detail.with.push(
        timed(() => recordAccess(ctx, { action: 'case.opened', caseId: getCase(ctx, id).record.id })),
      );
    for (const run of i % 2 ? [plain, logged] : [logged, plain]) run();
    if (i % 200 === 199) flushMs += timed(() => flushAccessLog(session.db));
  });
  flushMs += timed(() => flushAccessLog(session.db));
  const grid = { without: [] as number[], with: [] as number[] };
  const total = count;
  for (let i = 0; i < 200; i += 1) {
    const startRow = (i * 997) % Math.max(1, total - 100);
    const query = caseListQuerySchema.parse({
      startRow,
      endRow: startRow + 100,
      sort: [{ column: 'dueDate', direction: 'asc' }],
    });
    for (let r = 0; r < 100; r += 1)
      recordAccess(ctx, { action: 'case.opened', caseId: ids[r % ids.length]! });
    const withFlush = () =>
      grid.with.push(
        timed(() => {
          listCases(ctx, query);
          flushAccessLog(session.db);
        }),
      );
    const plain = () => grid.without.push(timed(() => listCases(ctx, query)));
    for (const run of i % 2 ? [plain, withFlush] : [withFlush, plain]) run();
  }
  session.close();
  const perRead = flushMs / ids.length;
  const lines = {
    cases: count,
    detailMsWithout: median(detail.without),
    detailMsWith: median(detail.with) + perRead,
    detailRatio: (median(detail.with) + perRead) / median(detail.without),
    flushMsPerRead: perRead,
    gridBlockMsWithout: median(grid.without),
    gridBlockMsWithFlush: median(grid.with),
    gridRatio: median(grid.with) / median(grid.without),
  };
  console.log(JSON.stringify(lines, null, 2));
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
