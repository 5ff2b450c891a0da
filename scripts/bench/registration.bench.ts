/**
 * Registration of one case, end to end through the service (`registerCase`: checks, duplicate
 * lookup, the case writer, its event, the full-text index, in one transaction with a durable
 * commit), in a new encrypted archive made by the first-run code. Optionally on top of N seeded
 * cases. Prints the median, the 95th percentile and the worst of R registrations, in ms
 * (target: ≤ 20 ms).
 *
 *   tsx scripts/bench/registration.bench.ts [--seeded N] [--runs R]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { registerCase } from '../../main/services/cases/register.service';
import { buildSearchIndex } from '../../main/services/cases/search-index';
import { seedArchive } from '../../main/services/seed/seed-archive';
import { openEncrypted } from './archive-setup';

const { values } = parseArgs({ options: { seeded: { type: 'string' }, runs: { type: 'string' } } });
const seeded = Number(values.seeded ?? 0);
const runs = Number(values.runs ?? 300);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-registration-bench-'));
const archive = await openEncrypted(dir);
try {
  if (seeded > 0) {
    seedArchive(archive.db, {
      count: seeded,
      seed: 'registration',
      from: '2024-01-01',
      to: '2026-11-30',
      actorUserId: archive.ctx.actor.userId,
      // The cases are only the background here: their end state in one event each is the quickest write.
      history: 'minimal',
    });
    buildSearchIndex(archive.db);
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    registerCase(archive.ctx, {
      receivedAt: Date.now() - 3_600_000,
      request: `信用卡年费未经同意被扣收，要求退还年费并道歉 ${i}`,
      facts: '客户称从未开通该卡的收费服务。',
      productName: '白金信用卡',
      accountNumber: '6222020200112233',
      amountFen: 60_000,
      priority: 'ordinary',
      complainant: { kind: 'person', name: `张三${i}`, phone: `138${String(10_000_000 + i)}` },
      classification: { channelCode: 'A01', businessCode: 'B03', causeCode: 'C01' },
    });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Number(times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2));
  console.log(JSON.stringify({ seeded, runs, medianMs: at(0.5), p95Ms: at(0.95), worstMs: at(1) }));
} finally {
  archive.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
