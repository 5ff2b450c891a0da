import { sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import type { TerminalClash } from '../../shared/sync/protocol';
import { isUniqueViolation } from '../db/pg-errors';
import { TERMINAL_CODE_SOURCE } from '../../shared/domain/case-number';

/** The partial unique index of migration 0014: one active PC per (branch, terminal code). */
export const ACTIVE_TERMINAL_INDEX = 'installations_active_terminal_unique';

/**
 * The terminal code of each active PC (docs/SYNC.md "Two PCs with one terminal code"). PCs enrolled
 * since HQ migration 0014 sent theirs; older ones hold `terminal_code` NULL, so HQ learns it from
 * what it already holds: the case numbers (branch-terminal-day-sequence, shared/domain/case-number.ts)
 * of the cases the PC's own events created, numbered by its case-number counter with its terminal.
 */

type Queryable = Pick<HqDb, 'execute'>;

/** The events that create a case on its PC: their payload starts `{"caseNo":"BJ01-T2-…`. */
const CREATING_TYPES = sql`('case.registered', 'case.imported', 'case.seeded')`;

interface Learned {
  id: string;
  branchCode: string;
  terminal: string;
}

/**
 * What the scans learnt, per installation (`hq_meta` key below): its events up to `seq` were read,
 * and the newest case number among them carries `terminal` (null: none). A PC's events never change
 * once stored, so the next scan reads only its later events: `hq status` no longer walks every event
 * of an old PC that holds no case on each call (its whole chain, a million events for a busy one).
 */
const SCANNED_KEY = 'terminal_scans';
type Scanned = Record<string, { seq: number; terminal: string | null }>;

async function readScanned(db: Queryable): Promise<Scanned> {
  const result = await db.execute<{ value: string }>(
    sql`SELECT value FROM hq_meta WHERE key = ${SCANNED_KEY}`,
  );
  const value = result.rows[0]?.value;
  return value === undefined ? {} : (JSON.parse(value) as Scanned);
}

async function writeScanned(db: Queryable, scanned: Scanned): Promise<void> {
  await db.execute(sql`INSERT INTO hq_meta (key, value) VALUES (${SCANNED_KEY}, ${JSON.stringify(scanned)})
    ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
}

/**
 * Active installations with no terminal code on record, and the terminal of the newest case their
 * own events created under their own branch (none yet: not listed). Only events after those an
 * earlier scan read (`Scanned`), newest first by seq, on the (installation, seq) index.
 */
async function terminalsFromCaseNumbers(db: Queryable, branchCode?: string): Promise<Learned[]> {
  const ofBranch = branchCode === undefined ? sql`` : sql`AND i.branch_code = ${branchCode}`;
  // `"caseNo":"BJ01-(T…)-`: the terminal of a number of the PC's own branch (shared/domain/case-number.ts).
  const terminalOfNumber = sql`'"caseNo":"' || i.branch_code || ${`-(${TERMINAL_CODE_SOURCE})-`}`;
  const scanned = await readScanned(db);
  const readUpTo = sql`coalesce((${JSON.stringify(scanned)}::jsonb -> i.id::text ->> 'seq')::int, 0)`;
  const result = await db.execute<{
    id: string;
    branch_code: string;
    head_seq: number;
    terminal: string | null;
  }>(sql`
    SELECT i.id, i.branch_code, i.head_seq, t.terminal FROM installations i
    LEFT JOIN LATERAL (
      SELECT substring(e.payload FROM ${terminalOfNumber}) AS terminal
      FROM events e
      WHERE e.installation_id = i.id AND e.seq > ${readUpTo} AND e.type IN ${CREATING_TYPES}
        AND substring(e.payload FROM ${terminalOfNumber}) IS NOT NULL
      ORDER BY e.seq DESC LIMIT 1
    ) t ON true
    WHERE i.revoked_at IS NULL AND i.terminal_code IS NULL ${ofBranch}
    ORDER BY i.enrolled_at, i.id`);
  const learned: Learned[] = [];
  let changed = false;
  for (const row of result.rows) {
    const before = scanned[row.id];
    const terminal = row.terminal ?? before?.terminal ?? null;
    const seq = Number(row.head_seq);
    if (before?.seq !== seq || before.terminal !== terminal) {
      scanned[row.id] = { seq, terminal };
      changed = true;
    }
    if (terminal !== null) learned.push({ id: row.id, branchCode: row.branch_code, terminal });
  }
  if (changed) await writeScanned(db, scanned);
  return learned;
}

/**
 * Records the terminal code of active PCs enrolled before HQ knew it (at start-up, and for a branch
 * before one of its PCs enrolls), so TERMINAL_TAKEN protects them too. Idempotent: only NULL codes
 * are filled, each only while no other active PC of the branch holds it — a terminal two active PCs
 * already share is left unrecorded on the later-enrolled one and reported by `terminalClashes`.
 * Returns how many it recorded.
 */
export async function learnTerminalCodes(db: Queryable, branchCode?: string): Promise<number> {
  let recorded = 0;
  for (const pc of await terminalsFromCaseNumbers(db, branchCode)) {
    // One statement per PC, in enrollment order: the earliest PC of a clash keeps the code. A PC
    // enrolling with that code at the same moment is settled by the partial unique index.
    try {
      const result = await db.execute(sql`
        UPDATE installations SET terminal_code = ${pc.terminal}
        WHERE id = ${pc.id} AND terminal_code IS NULL AND NOT EXISTS (
          SELECT 1 FROM installations o
          WHERE o.branch_code = ${pc.branchCode} AND o.terminal_code = ${pc.terminal} AND o.revoked_at IS NULL)`);
      recorded += result.rowCount ?? 0;
    } catch (error) {
      if (!isUniqueViolation(error, ACTIVE_TERMINAL_INDEX)) throw error;
    }
  }
  return recorded;
}

/** Each active installation's terminal: on record, else learnt from its case numbers; absent when unknown. */
export async function activeTerminals(db: Queryable, branchCode?: string): Promise<Map<string, string>> {
  const ofBranch = branchCode === undefined ? sql`` : sql`AND branch_code = ${branchCode}`;
  const recorded = await db.execute<{ id: string; terminal_code: string }>(sql`
    SELECT id, terminal_code FROM installations
    WHERE revoked_at IS NULL AND terminal_code IS NOT NULL ${ofBranch}`);
  const terminals = new Map(recorded.rows.map((row) => [row.id, row.terminal_code]));
  for (const pc of await terminalsFromCaseNumbers(db, branchCode)) terminals.set(pc.id, pc.terminal);
  return terminals;
}

/**
 * Terminal codes two or more active PCs of a branch share: their case numbers collide, and every
 * PC of the branch stops syncing at the first colliding case (SYNC_TERMINAL_CLASH on the branch).
 */
export function terminalClashesOf(
  active: readonly {
    installationId: string;
    branchCode: string;
    hostname: string;
    lastSyncAt: number | null;
  }[],
  terminals: ReadonlyMap<string, string>,
): TerminalClash[] {
  const groups = new Map<string, TerminalClash>();
  for (const pc of active) {
    const terminalCode = terminals.get(pc.installationId);
    if (terminalCode === undefined) continue;
    const key = `${pc.branchCode} ${terminalCode}`;
    const group = groups.get(key) ?? { branchCode: pc.branchCode, terminalCode, installations: [] };
    group.installations.push({
      installationId: pc.installationId,
      hostname: pc.hostname,
      lastSyncAt: pc.lastSyncAt,
    });
    groups.set(key, group);
  }
  return [...groups.values()].filter((group) => group.installations.length > 1);
}
