import type { HqDb } from '../db/open';
import type { RestoreCasesRequest } from '../../shared/sync/protocol';
import type { HqIdentity } from '../identity';
import { authenticateInstallation } from './installations';
import { DISPOSAL_EVENT } from '../../shared/sync/case-fold';

/**
 * A restoring PC's pages of HQ's projected rows of its branch's cases (docs/SYNC.md "Pull", a lost
 * PC): the PC has pulled and checked every event, and instead of folding a million of them again
 * before the clerk can work, it writes these rows through its case writer and checks them with its
 * own fold afterwards (main/services/sync/restore/restore-check.ts). HQ's row is its fold of the
 * same events with the same code (shared/sync/case-fold.ts), so for a case of the branch that never
 * left it the two agree. `fold` marks the rows that are not the whole of the PC's projection, which
 * the PC folds itself at once: cases with work rows (other tables, built from the events), a
 * disposal (HQ keeps a shell of its own), a transfer (HQ folds the live case, a PC its own copy),
 * open conflicts (HQ keeps their count only), or no `changed_at` (projected before migration 0015).
 */
const PAGE_QUERY = `SELECT c.id, c.changed_at, c.data,
    (EXISTS (SELECT 1 FROM events e WHERE e.case_id = c.id AND e.type = '${DISPOSAL_EVENT}')
      OR EXISTS (SELECT 1 FROM case_rectifications w WHERE w.case_id = c.id)
      OR EXISTS (SELECT 1 FROM case_referrals w WHERE w.case_id = c.id)
      OR EXISTS (SELECT 1 FROM case_contacts w WHERE w.case_id = c.id)) AS elsewhere
  FROM cases c WHERE c.branch_code = $1 AND c.id > $2::uuid ORDER BY c.id LIMIT $3`;

/**
 * Whether the row's own fields send the case to the PC's fold: open conflicts, a transfer. Read on
 * `data`'s text as PostgreSQL writes jsonb out (`"key": value`), not with `->>` in the query: each
 * `->>` decompresses the whole ~3 kB value again (PostgreSQL's CPU tripled at 10,000 cases). A
 * quote inside a JSON string is escaped, so `"key": ` with plain quotes is a key.
 */
function foldsOnItsOwn(data: string): boolean {
  return (
    !/"conflicts": 0[,}]/.test(data) ||
    data.includes('"transferredFrom": "') ||
    data.includes('"transferredTo": "')
  );
}

/** The lowest uuid: `after` of a first page. */
const BEFORE_ALL = '00000000-0000-0000-0000-000000000000';

/** Column values as PostgreSQL wrote them: `data` goes out as its jsonb text, never parsed here. */
const AS_TEXT = { getTypeParser: () => (value: string) => value };

type Row = [id: string, changedAt: string | null, data: string, elsewhere: string];

/**
 * One page of rows after `request.body.after`, as the JSON text of a `RestoreCasesResponse`.
 * `settle` first projects what HQ holds and has not folded yet (the route's projector, at most a
 * few seconds): rows behind the events the PC pulled would only be corrected later by its check.
 */
export async function restoreCasesFor(
  db: HqDb,
  identity: HqIdentity,
  request: RestoreCasesRequest,
  settle: () => Promise<unknown>,
): Promise<string> {
  const installation = await authenticateInstallation(db, identity, request, 'restore-cases');
  const { after, limit } = request.body;
  if (after === '') await settle();
  const { rows } = await db.$client.query<Row>({
    text: PAGE_QUERY,
    values: [installation.branchCode, after === '' ? BEFORE_ALL : after, limit + 1],
    rowMode: 'array',
    types: AS_TEXT,
  });
  const count = Math.min(rows.length, limit);
  const parts = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const [id, changedAt, data, elsewhere] = rows[i]!;
    const fold = changedAt === null || elsewhere === 't' || foldsOnItsOwn(data);
    parts[i] = `{"id":"${id}","changedAt":${changedAt ?? 'null'},"fold":${fold},"data":${data}}`;
  }
  return `{"cases":[${parts.join(',')}],"hasMore":${rows.length > limit}}`;
}
