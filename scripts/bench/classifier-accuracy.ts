/**
 * Suggested classification: top-1 and top-3 accuracy of the naive Bayes suggestions
 * (main/services/cases/classification-suggest.service.ts) on held-out cases, for a seeded archive
 * and for the CFPB 2013 sample imported with its preset. Every fifth case (by position) is held out;
 * the models learn from the rest, exactly as the service would. Writes its section of
 * docs/PERFORMANCE.md.
 *
 *   npx tsx scripts/bench/classifier-accuracy.ts [--count 5000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, localDate } from '../../shared/domain/deadlines';
import { topKAccuracy, type TrainingDoc } from '../../shared/domain/classifier';
import {
  pairLabel,
  trainingRows,
  trainModels,
} from '../../main/services/cases/classification-suggest.service';
import { runImport } from '../../main/services/import/import.service';
import { seedArchive } from '../../main/services/seed/seed-archive';
import { openEncrypted, type BenchArchive } from './archive-setup';
import { writeBenchSection } from './performance-doc';

const CFPB_SAMPLE = path.resolve('test/fixtures/cfpb-sample-2013.csv');

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Accuracy {
  cases: number;
  heldOut: number;
  pairLabels: number;
  pairTop1: number;
  pairTop3: number;
  channelTop1: number;
  channelTop3: number;
  trainMs: number;
}

function measure(archive: BenchArchive): Accuracy {
  const rows = trainingRows(archive.db, Number.MAX_SAFE_INTEGER);
  const train = rows.filter((_, i) => i % 5 !== 0);
  const test = rows.filter((_, i) => i % 5 === 0);
  const started = performance.now();
  const models = trainModels(train);
  const trainMs = performance.now() - started;
  const pairs: TrainingDoc[] = test.map((r) => ({ text: r.text, label: pairLabel(r) }));
  const channels: TrainingDoc[] = test.map((r) => ({ text: r.text, label: r.channelCode }));
  return {
    cases: rows.length,
    heldOut: test.length,
    pairLabels: models.pair.labels.size,
    pairTop1: topKAccuracy(models.pair, pairs, 1),
    pairTop3: topKAccuracy(models.pair, pairs, 3),
    channelTop1: topKAccuracy(models.channel, channels, 1),
    channelTop3: topKAccuracy(models.channel, channels, 3),
    trainMs,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function row(name: string, a: Accuracy): string {
  return `| ${name} | ${a.cases.toLocaleString('en')} | ${a.heldOut.toLocaleString('en')} | ${a.pairLabels} | ${pct(a.pairTop1)} | ${pct(a.pairTop3)} | ${pct(a.channelTop1)} | ${pct(a.channelTop3)} | ${Math.round(a.trainMs)} ms |`;
}

async function main(): Promise<void> {
  const count = Number(argument('--count') ?? 5_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-classifier-'));
  const seeded = await openEncrypted(fs.mkdtempSync(path.join(dir, 'seed-')));
  const to = localDate(Date.now(), seeded.ctx.clock.timeZone);
  seedArchive(seeded.db, {
    count,
    seed: 'classifier',
    from: addDays(to, -365),
    to,
    notAfter: Date.now(),
    actorUserId: seeded.ctx.actor.userId,
  });
  const seedAccuracy = measure(seeded);
  seeded.close();
  const cfpb = await openEncrypted(fs.mkdtempSync(path.join(dir, 'cfpb-')));
  await runImport(cfpb.ctx, { file: CFPB_SAMPLE, preset: 'cfpb-2013', options: { mode: 'all-or-nothing' } });
  const cfpbAccuracy = measure(cfpb);
  cfpb.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const date = new Date().toISOString().slice(0, 10);
  const table = [
    '| archive | cases | held out | B×C pairs seen | B×C top-1 | B×C top-3 | A top-1 | A top-3 | training |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    row(`seeded (${count.toLocaleString('en')})`, seedAccuracy),
    row('CFPB 2013 sample, imported', cfpbAccuracy),
  ].join('\n');
  console.log(table);
  writeBenchSection(
    'classifier',
    `## Suggested classification (naive Bayes over character bigrams)

Measured ${date} with \`npx tsx scripts/bench/classifier-accuracy.ts --count ${count}\`, machine shared
with other jobs. Every fifth case (by position) held out; the models learn from the other four
fifths of the same archive, as the app does from its own classified cases. Text = request + facts.

${table}

Notes: the seeded archive's texts come from a dozen scenario templates, so its figures say the
method works rather than what a branch will see. The CFPB 2013 export has no narratives: the
imported request is the CFPB issue (and sub-issue), from which the preset derives the C code, and
the product (the B code) nearly follows from the issue, so its B×C figures are close to what the
import mapping makes easy; its A code comes from "submitted via", which the text does not carry. A real branch archive's figure needs its own
classified cases; the app shows each suggestion's share so a clerk sees how sure it is.`,
  );
}

void main();
