import type { ArchiveDb } from '../../../db/open';
import type { CaseWorkWriter } from '../../../db/repos/cases/case-work-writer';
import type { CaseWriter, NewCase } from '../../../db/repos/cases/case-writer';
import { diffFields } from '../cases/case-scope';
import { registeredRow, replayStory, type ReplayContext, type ReplaySink } from './seed-replay';
import type { SeedCase, SeedHistory } from './seed-types';

export interface SeedWriteContext {
  db: ArchiveDb;
  writer: CaseWriter;
  /** Contacts and rectification actions, through statements prepared once (the bulk form). */
  work: CaseWorkWriter;
  history: SeedHistory;
  seed: string;
  registeredBy: string;
  replay: ReplayContext;
}

/** The registration's event, as the register service records it (without the form's own input). */
const REGISTERED_EVENT = 'case.registered';

/** A seeded case ready to write: with `history: 'minimal'`, the row its story ends in, worked out ahead. */
export interface SeedWrite {
  seedCase: SeedCase;
  endRow?: NewCase;
}

/**
 * Plays the story without writing and gives the row it ends in (the minimal history writes only
 * that). Done while generating, outside the timed write, like generating the case itself.
 */
export function withEndRow(context: SeedWriteContext, seedCase: SeedCase): SeedWrite {
  const start = registeredRow(seedCase, context.registeredBy);
  const end = replayStory(seedCase, start, context.replay, null);
  // Only the columns the story changed: the writer seals identifiers from the registration's own.
  const changed = Object.fromEntries(
    Object.entries(diffFields(start, end)).map(([column, change]) => [column, change.after]),
  );
  const { version: _version, ...rest } = changed;
  return {
    seedCase,
    endRow: { ...registrationOf(context, seedCase), ...rest, updatedAt: end.updatedAt } as NewCase,
  };
}

function registrationOf({ registeredBy }: SeedWriteContext, seedCase: SeedCase): NewCase {
  return { ...seedCase.row, registeredBy, version: 1 } as NewCase;
}

/** Writes one seeded case inside the caller's transaction (the writer is flushed by the caller). */
export function writeSeedCase(context: SeedWriteContext, { seedCase, endRow }: SeedWrite): void {
  const { writer, registeredBy } = context;
  if (endRow) {
    writer.create(endRow, {
      type: 'case.seeded',
      actorUserId: registeredBy,
      at: seedCase.row.receivedAt,
      payload: { status: endRow.status, seed: context.seed },
    });
    return;
  }
  writer.create(registrationOf(context, seedCase), {
    type: REGISTERED_EVENT,
    actorUserId: registeredBy,
    at: seedCase.row.receivedAt,
    payload: {
      dueDate: seedCase.row.dueDate,
      limitDays: seedCase.row.limitDays,
      isRepeat: seedCase.row.riskRepeat ?? false,
      seed: context.seed,
    },
  });
  replayStory(seedCase, registeredRow(seedCase, registeredBy), context.replay, sinkOf(context));
}

function sinkOf({ writer, work }: SeedWriteContext): ReplaySink {
  return {
    update: (caseId, patch, event) => writer.update(caseId, patch, event),
    note: (caseId, event) => writer.note(caseId, event),
    insertContact: (row) => work.insertContact(row),
    insertRectification: (row) => work.insertRectification(row),
    updateRectification: (id, expectedVersion, patch) => {
      if (!work.updateRectification(id, expectedVersion, patch))
        throw new Error(`seeded rectification ${id} is not at version ${expectedVersion}`);
    },
  };
}
