import { sql } from 'drizzle-orm';
import type { HqDb } from '../db/open';
import type { HqIdentity } from '../identity';
import type { TerminalRepairRequest, TerminalRepairResponse } from '../../shared/sync/protocol';
import { authenticateInstallation } from '../ingest/installations';
import { activeTerminals } from './terminal-codes';
import { terminalInCaseNumberSource } from '../../shared/domain/case-number';

/** Terminal codes are T1 … T999 (shared/domain/case-number.ts). */
const MAX_TERMINAL = 999;

/**
 * A PC of a branch where two active PCs number under one terminal code asks for a code of its own
 * (`redress sync repair-terminal`, main/services/sync/terminal-repair.service.ts; docs/SYNC.md "Two
 * PCs with one terminal code"). HQ records the lowest code the branch never numbered under (no PC
 * of the branch has it, revoked ones included, and no case number of the branch HQ holds carries
 * it) and answers with it; the PC then renumbers its colliding cases under it, as events.
 *
 * Idempotent: a PC whose code HQ changed already (an answer lost, or a repair the PC did not
 * finish) gets the same code again; a PC that shares its code with no active PC and holds no
 * colliding case keeps its own (`changed: false`). The branch's PCs are locked for the decision,
 * so two PCs repairing at once get two different codes.
 */
export async function repairTerminal(
  db: HqDb,
  identity: HqIdentity,
  request: TerminalRepairRequest,
  now: number,
): Promise<TerminalRepairResponse> {
  void now;
  const { terminalCode: current, clashing } = request.body;
  return db.transaction(async (tx) => {
    const me = await authenticateInstallation(tx, identity, request, 'terminal', { forUpdate: true });
    const branch = await tx.execute<{ id: string; terminal_code: string | null; revoked: boolean }>(sql`
      SELECT id, terminal_code, revoked_at IS NOT NULL AS revoked FROM installations
      WHERE branch_code = ${me.branchCode} ORDER BY enrolled_at, id FOR UPDATE`);
    const terminals = await activeTerminals(tx, me.branchCode);
    const activeOthers = branch.rows.filter((pc) => !pc.revoked && pc.id !== me.id);
    const heldByOther = (code: string) => activeOthers.some((pc) => terminals.get(pc.id) === code);
    // Changed by an earlier repair: the PC has not taken it yet.
    if (me.terminalCode !== null && me.terminalCode !== current && !heldByOther(me.terminalCode))
      return { terminalCode: me.terminalCode, changed: true };
    if (!clashing && !heldByOther(current)) return { terminalCode: current, changed: false };
    const used = new Set<string>([current]);
    for (const pc of branch.rows) if (pc.terminal_code !== null) used.add(pc.terminal_code);
    for (const code of terminals.values()) used.add(code);
    for (const code of await terminalsInCaseNumbers(tx, me.branchCode)) used.add(code);
    const free = freeTerminal(used);
    await tx.execute(sql`UPDATE installations SET terminal_code = ${free} WHERE id = ${me.id}`);
    return { terminalCode: free, changed: true };
  });
}

/** The terminals of the case numbers of `branchCode` that HQ holds (its projected `cases`). */
async function terminalsInCaseNumbers(db: Pick<HqDb, 'execute'>, branchCode: string): Promise<string[]> {
  const result = await db.execute<{ terminal: string | null }>(sql`
    SELECT DISTINCT substring(case_no FROM ${`^${terminalInCaseNumberSource(branchCode)}`}) AS terminal
    FROM cases WHERE branch_code = ${branchCode}`);
  return result.rows.flatMap((row) => (row.terminal === null ? [] : [row.terminal]));
}

function freeTerminal(used: ReadonlySet<string>): string {
  for (let n = 1; n <= MAX_TERMINAL; n++) if (!used.has(`T${n}`)) return `T${n}`;
  throw new Error('every terminal code T1…T999 is in use in the branch');
}
