import type { ArchiveDb } from '../../../db/open';
import { getInstallationId } from '../../../db/repos/history.repo';
import { getMeta, setMeta } from '../../../db/repos/meta.repo';
import { AppError } from '../../../shared/errors';
import { parseCaseNumber } from '../../../shared/domain/case-number';

/**
 * Cases from other PCs whose number a case here already holds (two PCs of the branch numbered
 * under one terminal code: docs/SYNC.md "Two PCs with one terminal code"). Their events are stored
 * with their chains, but their row cannot be written while the number is taken; the sync goes on
 * with everything else, and ends with SYNC_TERMINAL_CLASH while any is held. Once the PC that made
 * one of the two cases gives it a new number (`redress sync repair-terminal`, an event every PC
 * folds), the held case is written: when its own renumbering arrives, or when the case that held
 * its number is renumbered (case-projection.ts). Kept in `meta` (a handful of cases, written in the
 * transaction that held or wrote them): case id → the number it waits for.
 */
const HELD_KEY = 'sync_held_case_numbers';

export function readHeldCaseNumbers(db: ArchiveDb): Map<string, string> {
  const raw = getMeta(db, HELD_KEY);
  if (raw === null) return new Map();
  return new Map(Object.entries(JSON.parse(raw) as Record<string, string>));
}

export function writeHeldCaseNumbers(db: ArchiveDb, held: ReadonlyMap<string, string>): void {
  setMeta(db, HELD_KEY, JSON.stringify(Object.fromEntries([...held].sort(([a], [b]) => (a < b ? -1 : 1)))));
}

/** A number held cases wait for, as the sync screen and `redress sync status` show it. */
export interface HeldCase {
  caseNo: string;
  /** Cases held back for it: 1 for two PCs with one code, more when more PCs share it. */
  waiting: number;
  /**
   * The case here that holds the number was registered on this PC: repairing on this PC frees it.
   * Otherwise both cases came from other PCs, and the repair is to be run on one of those.
   */
  holderIsThisPc: boolean;
}

/** The numbers held cases wait for, in order. */
export function listHeldCases(db: ArchiveDb): HeldCase[] {
  const waiting = new Map<string, number>();
  for (const caseNo of readHeldCaseNumbers(db).values()) waiting.set(caseNo, (waiting.get(caseNo) ?? 0) + 1);
  if (waiting.size === 0) return [];
  const holder = db.$client.prepare('SELECT origin_installation_id FROM cases WHERE case_no = ?').pluck();
  const installationId = getInstallationId(db);
  return [...waiting]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([caseNo, count]) => ({
      caseNo,
      waiting: count,
      holderIsThisPc: holder.get(caseNo) === installationId,
    }));
}

/** The refusal a sync ends with while a case is held, naming the lowest number held. */
export function terminalClash(caseNo: string, cause?: unknown): AppError {
  const terminal = parseCaseNumber(caseNo)?.terminalCode ?? '?';
  return new AppError('SYNC_TERMINAL_CLASH', `case number ${caseNo} is held by another case`, {
    params: { caseNo, terminal },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Ends a sync (or a restore) that applied everything it could with the clash in words, if a case is held. */
export function refuseHeldCaseNumbers(db: ArchiveDb): void {
  const numbers = [...readHeldCaseNumbers(db).values()].sort();
  if (numbers.length > 0) throw terminalClash(numbers[0]!);
}
