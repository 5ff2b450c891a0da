import type { ArchiveDb } from '../../open';
import { PII_FIELDS } from '../../pii/pii-fields';
import { PII_META, piiStateOf } from '../../pii/pii-state';
import { sealCaseValues } from '../../pii/seal-values';
import { CaseWriter } from './case-writer';
import { columnOf } from './case-columns';

/**
 * Identifiers stored in plaintext (an archive from before sealing, a value another PC sent before
 * it had the key, a write on a connection opened before the key pair was made) are sealed at the
 * next open of a session, a batch per transaction, found through the partial index
 * `cases_unsealed_idx` (empty once everything is sealed, so the check costs nothing). Until the
 * archive has a PII key pair, plaintext identifiers only get their blind-index entries, once.
 *
 * `secure_delete` zeroes the space the plaintext occupied, and the full-text index (whose `contacts`
 * column held the numbers) is merged afterwards, so no copy stays readable in the file.
 */
const BATCH = 5_000;

const UNSEALED = PII_FIELDS.map(
  (f) => `(${columnOf(f.property).name} IS NOT NULL AND ${columnOf(f.sealed).name} IS NULL)`,
).join(' OR ');
const SELECT_LIST = PII_FIELDS.flatMap((f) => [f.property, f.sealed])
  .map((p) => `${columnOf(p).name} AS "${p}"`)
  .join(', ');

export interface IdentifierUpgrade {
  sealed: number;
  indexed: number;
}

export function upgradeStoredIdentifiers(db: ArchiveDb): IdentifierUpgrade {
  const client = db.$client;
  const { sealer, indexKey } = piiStateOf(client);
  if (!indexKey) return { sealed: 0, indexed: 0 };
  if (!sealer) {
    const isIndexed = client.prepare('SELECT 1 FROM meta WHERE key = ?').get(PII_META.indexFilled);
    if (isIndexed) return { sealed: 0, indexed: 0 };
    const indexed = rewriteAll(db, 'indexed');
    client.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(PII_META.indexFilled, '1');
    return { sealed: 0, indexed };
  }
  const sealed = rewriteAll(db, 'sealed');
  return { sealed, indexed: sealed };
}

function rewriteAll(db: ArchiveDb, mode: 'sealed' | 'indexed'): number {
  const client = db.$client;
  // Both modes walk forward by row number, so each row is visited once (in `indexed` mode a row
  // keeps matching UNSEALED after its rewrite: nothing is sealed without a key pair).
  const pick = client.prepare(
    `SELECT row_no AS rowNo, id, ${SELECT_LIST} FROM cases${mode === 'sealed' ? ' INDEXED BY cases_unsealed_idx' : ''}
     WHERE row_no > ? AND (${UNSEALED}) ORDER BY row_no LIMIT ${BATCH}`,
  );
  const wasSecure = client.pragma('secure_delete', { simple: true });
  client.pragma('secure_delete = ON');
  let total = 0;
  let after = 0;
  try {
    for (;;) {
      const rows = pick.all(after) as Record<string, unknown>[];
      if (rows.length === 0) break;
      const writer = new CaseWriter(db);
      client.transaction(() => {
        for (const row of rows) {
          // An empty string is restated as NULL (what the writer stores now), which takes the row
          // out of cases_unsealed_idx: the next sign-in does not pick it again.
          const columns = sealedColumns(db, row);
          writer.restate(String(row.id), columns);
          // Counted only when something was sealed or indexed (the full-text merge below follows it).
          if (mode === 'indexed' || PII_FIELDS.some((f) => columns[f.sealed] != null)) total += 1;
        }
      })();
      after = Number(rows[rows.length - 1]!.rowNo ?? 0);
    }
    if (total > 0 && mode === 'sealed')
      client.prepare(`INSERT INTO case_search (case_search) VALUES ('optimize')`).run();
  } finally {
    client.pragma(`secure_delete = ${Number(wasSecure) ? 'ON' : 'OFF'}`);
  }
  return total;
}

/** The plaintext identifiers of one stored row, as the writer would store them now. */
function sealedColumns(db: ArchiveDb, row: Record<string, unknown>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const field of PII_FIELDS) {
    if (row[field.property] !== null && row[field.sealed] === null)
      plain[field.property] = row[field.property];
  }
  return sealCaseValues(db.$client, plain);
}
