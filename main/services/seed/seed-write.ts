import type { ArchiveDb } from '../../../db/open';
import { insertContact, insertRectification, updateRectification } from '../../../db/repos/case-work.repo';
import type { CaseWriter, NewCase } from '../../../db/repos/cases/case-writer';
import { diffFields } from '../cases/case-scope';
import { registeredRow, replayStory, type ReplayContext, type ReplaySink } from './seed-replay';
import type { SeedCase, SeedHistory } from './seed-types';

export interface SeedWriteContext {
  db: ArchiveDb;
  writer: CaseWriter;
  history: SeedHistory;
  seed: string;
  registeredBy: string;
  replay: ReplayContext;
}

/** The registration's event, as the register service records it (without the form's own input). */
const REGISTERED_EVENT = 'case.registered';

/** Writes one seeded case inside the caller's transaction (the writer is flushed by the caller). */
export function writeSeedCase(context: SeedWriteContext, seedCase: SeedCase): void {
  const { writer, registeredBy } = context;
  const start = registeredRow(seedCase, registeredBy);
  const registration = { ...seedCase.row, registeredBy, version: 1 } as NewCase;
  if (context.history === 'minimal') {
    const end = replayStory(seedCase, start, context.replay, null);
    // Only the columns the story changed: the writer seals identifiers from the registration's own.
    const changed = Object.fromEntries(
      Object.entries(diffFields(start, end)).map(([column, change]) => [column, change.after]),
    );
    const { version: _version, ...rest } = changed;
    writer.create({ ...registration, ...rest, updatedAt: end.updatedAt } as NewCase, {
      type: 'case.seeded',
      actorUserId: registeredBy,
      at: seedCase.row.receivedAt,
      payload: { status: end.status, seed: context.seed },
    });
    return;
  }
  writer.create(registration, {
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
  replayStory(seedCase, start, context.replay, sinkOf(context));
}

function sinkOf({ db, writer }: SeedWriteContext): ReplaySink {
  return {
    update: (caseId, patch, event) => writer.update(caseId, patch, event),
    note: (caseId, event) => writer.note(caseId, event),
    insertContact: (row) => insertContact(db, row),
    insertRectification: (row) => insertRectification(db, row),
    updateRectification: (id, expectedVersion, patch) => {
      if (!updateRectification(db, id, expectedVersion, patch))
        throw new Error(`seeded rectification ${id} is not at version ${expectedVersion}`);
    },
  };
}
