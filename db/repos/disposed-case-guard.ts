import type Database from 'better-sqlite3';
import { CASE_RENUMBERED_EVENT, DISPOSAL_EVENT } from '../../shared/sync/case-fold';
import { AppError } from '../../shared/errors';

/**
 * The one refusal of local changes to a disposed case (DOMAIN.md "Records retention"). A disposed
 * case is a shell: a change made to it here after its disposal would bring content back on this
 * PC only, as the other PCs' fold takes such a change from the redacted copy. Every local change
 * to a case is recorded as an event of this installation's chain, so the check sits where those
 * events are made: the case writer's `update` and `note` (db/repos/cases/case-writer.ts) and
 * `appendEvent` (history.repo.ts). A new service that changes a case cannot get past it. Remote
 * events are stored by sync's own chain store and projected by a writer that records no events:
 * they are never refused here (the fold decides what a late event does).
 */

/** Local events a disposed case still takes: they record something, they change nothing of it. */
const ALLOWED_AFTER_DISPOSAL: ReadonlySet<string> = new Set([
  'case.annotated',
  'case.conflict_resolved',
  'case.letter_printed',
  // A disposed case's shell keeps its number, and a number two cases share stops every PC's sync.
  CASE_RENUMBERED_EVENT,
]);

const refusal = (caseId: string) => new AppError('CASE_DISPOSED', `case ${caseId} was disposed of`);

const statements = new WeakMap<Database.Database, Database.Statement>();

/**
 * Refuses a local event of `type` to a disposed case: for the case writer and the services'
 * `appendEvent` alike, one statement prepared once per connection (bulk writers ask per row).
 */
export function refuseChangeToDisposed(client: Database.Database, caseId: string, type: string): void {
  if (ALLOWED_AFTER_DISPOSAL.has(type)) return;
  if (isCaseDisposed(client, caseId)) throw refusal(caseId);
}

/** Whether the case was disposed of here (its `case.disposed` event is held): the writer and the case screen. */
export function isCaseDisposed(client: Database.Database, caseId: string): boolean {
  let statement = statements.get(client);
  if (!statement) {
    statement = client.prepare('SELECT 1 FROM history_events WHERE case_id = ? AND type = ? LIMIT 1').pluck();
    statements.set(client, statement);
  }
  return statement.get(caseId, DISPOSAL_EVENT) !== undefined;
}
