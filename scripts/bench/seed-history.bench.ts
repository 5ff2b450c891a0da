/**
 * The full-history seed against the minimal one, at a few demo sizes, each into a new encrypted
 * archive, back to back in one run: `full` writes each case's event sequence with its contacts and
 * rectification actions, `minimal` one event per case. The ratio full ÷ minimal is the figure to
 * compare across runs (the machine's load sets the absolute ones).
 *
 *   tsx scripts/bench/seed-history.bench.ts [--counts 5000,20000] [--label before|after]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SeedHistory } from '../../main/services/seed/seed-types';
import { openEncrypted } from './archive-setup';
import { seedBench } from './archive-bench';
import { machineLine } from './report';

const log = (line: string) => process.stdout.write(`${line}\n`);

async function seedOnce(dir: string, count: number, history: SeedHistory) {
  const archive = await openEncrypted(fs.mkdtempSync(path.join(dir, `${history}-`)));
  try {
    const cpuBefore = process.cpuUsage();
    const times = seedBench(archive, count, () => undefined, history);
    const cpu = process.cpuUsage(cpuBefore);
    const count_ = (sql: string) => archive.db.$client.prepare(sql).pluck().get() as number;
    return {
      writeSeconds: times.writeSeconds,
      // CPU of the whole seed (generating included): steadier than wall time on a shared machine.
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      events: count_('SELECT count(*) FROM history_events WHERE case_id IS NOT NULL') / count,
      workRows: count_(
        'SELECT (SELECT count(*) FROM case_contacts) + (SELECT count(*) FROM rectification_actions)',
      ),
    };
  } finally {
    archive.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { counts: { type: 'string' }, label: { type: 'string' } } });
  const counts = (values.counts ?? '5000,20000').split(',').map(Number);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-seed-history-'));
  log(
    `seed histories (${values.label ?? 'this tree'}); ${machineLine()}; load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  log(
    '| Cases | History | Events per case | Contact + action rows | Write (s) | Cases/s written | ÷ minimal | Seed CPU (s) | CPU ms per case |',
  );
  log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  try {
    for (const count of counts) {
      const minimal = await seedOnce(dir, count, 'minimal');
      const full = await seedOnce(dir, count, 'full');
      for (const [history, f] of [
        ['minimal', minimal],
        ['full', full],
      ] as const) {
        const rate = count / f.writeSeconds;
        log(
          `| ${count.toLocaleString('en-US')} | \`${history}\` | ${f.events.toFixed(1)} | ${f.workRows.toLocaleString('en-US')} | ${f.writeSeconds.toFixed(1)} | ${Math.round(rate).toLocaleString('en-US')} | ${(rate / (count / minimal.writeSeconds)).toFixed(2)} | ${f.cpuSeconds.toFixed(1)} | ${((f.cpuSeconds * 1000) / count).toFixed(2)} |`,
        );
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
