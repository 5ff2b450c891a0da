import type Database from 'better-sqlite3';
import { Dictionary, FACT_COLUMNS, NO_DAY, ensureCapacity, type FactRow } from './fact-columns';

/**
 * The analytics fact cache: for every case, the fields the dashboard reads, as typed-array
 * columns (dates as day numbers, strings as dictionary codes), so each dashboard block is a JS
 * loop over arrays instead of a walk of `cases_analytics_idx` (which decrypts every index page on
 * every query: ~1.8 s at 120k cases, ~10× that at 1M). About 70 bytes per case (≈ 70 MB at 1M).
 *
 * Why not a per-day rollup table: the filter has ~9 independent dimensions (branch, 3 code
 * hierarchies, status, priority, handler, deadline state…) and the repeat chart needs single
 * cases, so a rollup keyed by all of them hardly shrinks, and it would have to be kept by every
 * writer of `cases` (others' code). The cache only reads.
 *
 * Loading (fact-load.ts, in steps short enough to let other requests run between them) walks
 * covering indexes only (no wide rows): `cases_analytics_idx` for the facts,
 * `cases_id_number_idx` / `cases_phone_idx` (grouped by key) to number complainants exactly
 * without holding their strings: equal identities get equal numbers. Freshness: see refresh().
 */

/** More changed cases than this since the last look: reading them one by one is slower than a reload. */
const RELOAD_THRESHOLD = 50_000;
export const FLAG_PAUSED = 1;
export const FLAG_REVIEW = 2;
export const FLAG_RISK_REPEAT = 4;

export class FactTable {
  size = 0;
  rowNo = new Int32Array(0);
  received = new Int32Array(0);
  decided = new Int32Array(0);
  closed = new Int32Array(0);
  due = new Int32Array(0);
  amountFen = new Float64Array(0);
  /** Receipt instant (epoch ms), kept only for complainants seen more than once (the repeat order). */
  receivedAt = new Float64Array(0);
  branch = new Uint32Array(0);
  handler = new Uint32Array(0);
  business = new Uint16Array(0);
  cause = new Uint16Array(0);
  channel = new Uint16Array(0);
  insuranceLine = new Uint16Array(0);
  status = new Uint16Array(0);
  priority = new Uint16Array(0);
  resolution = new Uint16Array(0);
  satisfaction = new Uint16Array(0);
  limitDays = new Int32Array(0);
  /** 1 on time, 0 late, -1 undecided (NULL). */
  onTime = new Int8Array(0);
  flags = new Uint8Array(0);
  /** Complainant numbers by ID number and by phone; -1 when the case has none. */
  idGroup = new Int32Array(0);
  phoneGroup = new Int32Array(0);
  groupCount = 0;
  /**
   * Positions [0, sortedPrefix) are in received-date order (the load reads the index in that
   * order), so a received-date range is found by binary search; later positions (new cases, or all
   * from a case whose received date was edited) are scanned.
   */
  sortedPrefix = 0;

  readonly dict = {
    branch: new Dictionary(),
    handler: new Dictionary(),
    business: new Dictionary(),
    cause: new Dictionary(),
    channel: new Dictionary(),
    insuranceLine: new Dictionary(),
    status: new Dictionary(),
    priority: new Dictionary(),
    resolution: new Dictionary(),
    satisfaction: new Dictionary(),
  };

  /** row_no → position in the columns, -1 when absent. */
  private indexOfRow = new Int32Array(0);
  private lastEventRowid = 0;
  private lastRowNo = 0;

  private constructor(private readonly client: Database.Database) {}

  /** Lowest position that a row read twice during the load moved out of received-date order. */
  private unsortedFrom = Number.MAX_SAFE_INTEGER;

  /**
   * An empty table whose freshness marks are taken now, before any row is read: whatever is
   * written while fact-load.ts fills it in steps has a newer history event or row number, so the
   * first refresh() re-reads it. This is what keeps a stepwise load exact.
   */
  static begin(client: Database.Database): FactTable {
    const table = new FactTable(client);
    const marks = table.marks();
    table.grow(marks.rowNo + 1);
    table.lastEventRowid = marks.eventRowid;
    table.lastRowNo = marks.rowNo;
    return table;
  }

  /**
   * Load step: one row of the facts, read in received-date order. A case met twice (its received
   * date was edited between two steps, from a range already read to one not yet read) is
   * overwritten where it is, and the sorted prefix ends there.
   */
  loadRow(row: FactRow): void {
    const known = this.positionOf(row[0]);
    if (known === -1) return this.put(this.size, row);
    if (this.received[known] !== row[1]) this.unsortedFrom = Math.min(this.unsortedFrom, known);
    this.put(known, row);
  }

  /** Load step: before the first identity group, every case is "seen once" (-1). */
  startIdentities(): void {
    this.idGroup.fill(-1);
    this.phoneGroup.fill(-1);
  }

  /**
   * Load step: numbers complainants seen more than once, each given as the comma-separated row
   * numbers of its cases (SQLite's group_concat over the identifier index). A case written after
   * the facts were read is not in the columns yet: skipped here, refresh() numbers it.
   */
  addIdentityGroups(groups: readonly string[], kind: 'id' | 'phone'): void {
    const column = kind === 'id' ? this.idGroup : this.phoneGroup;
    for (const members of groups) {
      const group = this.groupCount++;
      for (const rowNo of members.split(',')) {
        const position = this.positionOf(Number(rowNo));
        if (position >= 0) column[position] = group;
      }
    }
  }

  /** Row numbers of the cases in a complainant group: the only ones whose instant is kept. */
  groupedRowNos(): number[] {
    const wanted: number[] = [];
    for (let p = 0; p < this.size; p++)
      if (this.idGroup[p]! >= 0 || this.phoneGroup[p]! >= 0) wanted.push(this.rowNo[p]!);
    return wanted;
  }

  /** Load step: the receipt instant of a grouped case (fact-load.ts reads them in index order). */
  setInstant(rowNo: number, receivedAt: number): void {
    const position = this.positionOf(rowNo);
    if (position >= 0) this.receivedAt[position] = receivedAt;
  }

  /** Last load step: the rows read are in received-date order up to the first one read twice. */
  finishLoad(): void {
    this.sortedPrefix = Math.min(this.size, this.unsortedFrom);
  }

  /** Position of a case in the columns, or -1. */
  positionOf(rowNo: number): number {
    return rowNo < this.indexOfRow.length ? this.indexOfRow[rowNo]! : -1;
  }

  /**
   * Brings the cache up to date, cheaply when nothing changed (two lookups of a maximum key).
   * Every change to a case is written with a history event in the same transaction (see
   * db/schema/cases.ts), and history is append-only with a growing rowid, so the cases named by
   * events newer than the last seen, plus rows with a row_no above the last seen (tests and bulk
   * paths insert rows directly), are exactly the cases that may differ. Returns false when the
   * archive went backwards (a restore): the caller then reloads.
   */
  refresh(): boolean {
    const marks = this.marks();
    if (marks.eventRowid === this.lastEventRowid && marks.rowNo === this.lastRowNo) return true;
    if (marks.eventRowid < this.lastEventRowid || marks.rowNo < this.lastRowNo) return false;
    const changed = new Set<number>(
      this.client
        .prepare(
          `SELECT DISTINCT cases.row_no FROM history_events JOIN cases ON cases.id = history_events.case_id
          WHERE history_events.rowid > ? AND history_events.case_id IS NOT NULL`,
        )
        .pluck()
        .all(this.lastEventRowid) as number[],
    );
    for (const rowNo of this.client
      .prepare('SELECT row_no FROM cases WHERE row_no > ?')
      .pluck()
      .iterate(this.lastRowNo)) {
      changed.add(rowNo as number);
    }
    if (changed.size > RELOAD_THRESHOLD) return false;
    this.reread([...changed]);
    this.lastEventRowid = marks.eventRowid;
    this.lastRowNo = marks.rowNo;
    return true;
  }

  private marks(): { eventRowid: number; rowNo: number } {
    const row = this.client
      .prepare('SELECT (SELECT max(rowid) FROM history_events) AS e, (SELECT max(row_no) FROM cases) AS r')
      .get() as { e: number | null; r: number | null };
    return { eventRowid: row.e ?? 0, rowNo: row.r ?? 0 };
  }

  private reread(rowNos: number[]): void {
    const read = this.client
      .prepare(`SELECT ${FACT_COLUMNS}, received_at FROM cases WHERE row_no = ?`)
      .raw(true);
    const touched: number[] = [];
    for (const rowNo of rowNos) {
      const row = read.get(rowNo) as [...FactRow, number] | undefined;
      if (!row) continue; // cases are never deleted; a row gone between two reads is simply skipped
      let position = this.positionOf(rowNo);
      if (position === -1) {
        this.grow(this.size + 1, rowNo + 1);
        position = this.size;
      }
      this.put(position, row as unknown as FactRow);
      this.receivedAt[position] = row[21];
      touched.push(position);
    }
    this.renumber(touched, 'complainant_id_number_bidx', this.idGroup);
    this.renumber(touched, 'complainant_phone_bidx', this.phoneGroup);
  }

  /** Writes one row's facts at `position` (== size appends). */
  private put(position: number, r: FactRow): void {
    if (position === this.size) {
      if (position >= this.rowNo.length || r[0] >= this.indexOfRow.length) this.grow(this.size + 1, r[0] + 1);
      this.size += 1;
    }
    const d = this.dict;
    if (position < this.sortedPrefix && this.received[position] !== r[1]) this.sortedPrefix = position;
    this.rowNo[position] = r[0];
    this.indexOfRow[r[0]] = position;
    this.received[position] = r[1];
    this.branch[position] = d.branch.codeOf(r[2]);
    this.business[position] = small(d.business.codeOf(r[3]));
    this.cause[position] = small(d.cause.codeOf(r[4]));
    this.channel[position] = small(d.channel.codeOf(r[5]));
    this.status[position] = small(d.status.codeOf(r[6]));
    this.priority[position] = small(d.priority.codeOf(r[7]));
    this.onTime[position] = r[8] === null ? -1 : r[8];
    this.limitDays[position] = r[9];
    this.decided[position] = r[10] ?? NO_DAY;
    this.closed[position] = r[11] ?? NO_DAY;
    this.due[position] = r[12];
    this.handler[position] = d.handler.codeOf(r[14]);
    this.resolution[position] = small(d.resolution.codeOf(r[15]));
    this.amountFen[position] = r[16] ?? 0;
    this.satisfaction[position] = small(d.satisfaction.codeOf(r[17]));
    this.flags[position] =
      (r[13] ? FLAG_PAUSED : 0) | (r[18] ? FLAG_REVIEW : 0) | (r[20] ? FLAG_RISK_REPEAT : 0);
    this.insuranceLine[position] = small(d.insuranceLine.codeOf(r[19]));
  }

  private grow(size: number, rowNos = size): void {
    for (const key of COLUMN_KEYS) (this as Record<string, unknown>)[key] = ensureCapacity(this[key], size);
    if (rowNos > this.indexOfRow.length) {
      const previous = this.indexOfRow.length;
      this.indexOfRow = ensureCapacity(this.indexOfRow, rowNos);
      this.indexOfRow.fill(-1, previous);
    }
  }

  /** Gives re-read cases the number of an unchanged case with the same identifier, or a new one. */
  private renumber(positions: number[], column: string, groups: Int32Array): void {
    const valueOf = this.client.prepare(`SELECT NULLIF(${column}, '') FROM cases WHERE row_no = ?`).pluck();
    const sameAs = this.client.prepare(`SELECT row_no FROM cases WHERE ${column} = ?`).pluck();
    const instantOf = this.client.prepare('SELECT received_at FROM cases WHERE row_no = ?').pluck();
    for (const p of positions) groups[p] = valueOf.get(this.rowNo[p]) === null ? -1 : -2;
    for (const p of positions) {
      if (groups[p] !== -2) continue;
      const others = (sameAs.all(valueOf.get(this.rowNo[p])) as number[])
        .map((r) => this.positionOf(r))
        .filter((q) => q >= 0);
      if (others.length < 2) {
        groups[p] = -1; // unique so far: nobody to repeat
        continue;
      }
      const known = others.find((q) => groups[q]! >= 0);
      const group = known === undefined ? this.groupCount++ : groups[known]!;
      for (const q of others) {
        if (groups[q]! >= 0) continue;
        // -1: a case unique until now, whose instant the load did not keep (the repeat order needs
        // it); -2: re-read in this refresh, instant already read.
        if (groups[q] === -1) this.receivedAt[q] = instantOf.get(this.rowNo[q]) as number;
        groups[q] = group;
      }
    }
  }
}

const COLUMN_KEYS = [
  'rowNo',
  'received',
  'decided',
  'closed',
  'due',
  'amountFen',
  'receivedAt',
  'branch',
  'handler',
  'business',
  'cause',
  'channel',
  'insuranceLine',
  'status',
  'priority',
  'resolution',
  'satisfaction',
  'limitDays',
  'onTime',
  'flags',
  'idGroup',
  'phoneGroup',
] as const;

/** More distinct values than a 16-bit column holds: not an archive this cache serves (SQL does). */
export class FactCacheLimitError extends RangeError {}

function small(code: number): number {
  if (code > 0xffff)
    throw new FactCacheLimitError('analytics cache: too many distinct values in a 16-bit column');
  return code;
}

export { NO_DAY };
