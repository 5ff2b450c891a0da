import type { ArchiveDb } from '../../db/open';
import { buildSearchIndex } from '../services/cases/search-index';
import type { CliIo } from './io';

/** Builds the full-text index for the cases a bulk command left waiting, with a progress line on a terminal. */
export function buildSearchIndexWithProgress(io: CliIo, db: ArchiveDb, showProgress: boolean): void {
  const indexed = buildSearchIndex(
    db,
    showProgress
      ? (p) =>
          process.stderr.write(`\r${io.say(io.text.searchIndex.progress, { done: p.done, total: p.total })}`)
      : undefined,
  );
  if (showProgress && indexed > 0) process.stderr.write('\n');
}
