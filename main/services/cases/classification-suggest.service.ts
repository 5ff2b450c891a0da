import type { ArchiveDb } from '../../../db/open';
import {
  suggestLabels,
  trainNaiveBayes,
  type NaiveBayesModel,
  type TrainingDoc,
} from '../../../shared/domain/classifier';
import { whenQuiet } from '../foreground';
import type { ServiceContext } from '../context';
import { requirePermission } from './case-scope';

/**
 * Suggested codes as the clerk types the facts (issue 17, item 6): two naive Bayes models learned
 * from this archive's own classified cases, one for the B×C pair and one for the A code. The first
 * request trains them; later requests answer from the models at hand and, when enough new cases
 * arrived or they are old, retrain them in the background once the user's requests pause.
 */
export const MAX_TRAINING_CASES = 30_000;
const RETRAIN_AFTER_MS = 10 * 60_000;
const RETRAIN_AFTER_NEW_CASES = 200;
const MIN_TEXT_LENGTH = 4;
/** Below this many training cases a retrain is quick enough to run on the request (bench: 5,000 in ~0.2 s). */
const SMALL_ARCHIVE_CASES = 2_000;

interface Models {
  pair: NaiveBayesModel;
  channel: NaiveBayesModel;
  trainedOn: number;
  lastRowNo: number;
  trainedAt: number;
  isRetraining: boolean;
}

const modelsByArchive = new WeakMap<ArchiveDb, Models>();

/**
 * Drops the archive's models: a disposal destroyed texts they were trained on (their bigram counts
 * are derived from them); the next suggestion retrains on what the archive holds now.
 */
export function forgetClassificationModels(db: ArchiveDb): void {
  modelsByArchive.delete(db);
}

interface TrainingRow {
  text: string;
  businessCode: string;
  causeCode: string;
  channelCode: string;
}

/** The newest classified cases' request and facts, with their codes (merged duplicates left out). */
export function trainingRows(db: ArchiveDb, limit = MAX_TRAINING_CASES): TrainingRow[] {
  return db.$client
    .prepare(
      `SELECT request_text || ' ' || facts_text AS text, business_code AS businessCode,
              cause_code AS causeCode, channel_code AS channelCode
       FROM cases WHERE status <> 'merged' ORDER BY row_no DESC LIMIT ?`,
    )
    .all(limit) as TrainingRow[];
}

export const pairLabel = (row: Pick<TrainingRow, 'businessCode' | 'causeCode'>) =>
  `${row.businessCode}|${row.causeCode}`;

export function trainModels(rows: readonly TrainingRow[]): Pick<Models, 'pair' | 'channel'> {
  const pairs: TrainingDoc[] = rows.map((r) => ({ text: r.text, label: pairLabel(r) }));
  const channels: TrainingDoc[] = rows.map((r) => ({ text: r.text, label: r.channelCode }));
  return { pair: trainNaiveBayes(pairs), channel: trainNaiveBayes(channels) };
}

function lastRowNo(db: ArchiveDb): number {
  const row = db.$client.prepare('SELECT max(row_no) AS n FROM cases').get() as { n: number | null };
  return row.n ?? 0;
}

function train(db: ArchiveDb, now: number): Models {
  const rows = trainingRows(db);
  return {
    ...trainModels(rows),
    trainedOn: rows.length,
    lastRowNo: lastRowNo(db),
    trainedAt: now,
    isRetraining: false,
  };
}

function retrainLater(db: ArchiveDb, models: Models, clockNow: () => number): void {
  if (models.isRetraining) return;
  models.isRetraining = true;
  void whenQuiet(2_000, () => false)
    .then(() => {
      if (!db.$client.open) return;
      modelsByArchive.set(db, train(db, clockNow()));
    })
    .catch(() => {
      models.isRetraining = false; // a failed retrain keeps the old models and tries again later
    });
}

/**
 * The models to answer with. A small archive (where training takes a few milliseconds and every
 * new case matters) retrains at once when cases were added; a large one answers from the models
 * at hand and retrains in the background when enough new cases arrived or the models are old.
 */
function currentModels(ctx: ServiceContext): Models {
  const models = modelsByArchive.get(ctx.db);
  const newest = lastRowNo(ctx.db);
  if (!models || (newest !== models.lastRowNo && models.trainedOn < SMALL_ARCHIVE_CASES)) {
    const fresh = train(ctx.db, ctx.clock.now());
    modelsByArchive.set(ctx.db, fresh);
    return fresh;
  }
  const isStale =
    ctx.clock.now() - models.trainedAt > RETRAIN_AFTER_MS ||
    newest - models.lastRowNo >= RETRAIN_AFTER_NEW_CASES;
  if (isStale) retrainLater(ctx.db, models, () => ctx.clock.now());
  return models;
}

export interface ClassificationSuggestions {
  pairs: { businessCode: string; causeCode: string; share: number }[];
  channels: { channelCode: string; share: number }[];
  trainedOn: number;
}

export function suggestClassification(ctx: ServiceContext, text: string): ClassificationSuggestions {
  requirePermission(ctx, 'case:register');
  const models = currentModels(ctx);
  if (text.trim().length < MIN_TEXT_LENGTH) return { pairs: [], channels: [], trainedOn: models.trainedOn };
  return {
    pairs: suggestLabels(models.pair, text, 3).map((s) => {
      const [businessCode = '', causeCode = ''] = s.label.split('|');
      return { businessCode, causeCode, share: s.share };
    }),
    channels: suggestLabels(models.channel, text, 3).map((s) => ({ channelCode: s.label, share: s.share })),
    trainedOn: models.trainedOn,
  };
}
