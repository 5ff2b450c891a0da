/**
 * Hybrid logical clock (Kulkarni et al., 2014) for ordering events across installations.
 *
 * A stamp is physical milliseconds plus a counter, written as one fixed-width string
 * (`000001764990000000:00000`) so that comparing two stamps as text compares them as clocks: the
 * archive sorts and indexes them as plain TEXT. A stamp is always later than every stamp this
 * installation has seen (its own and every received one), so an event made after receiving another
 * is ordered after it on every PC, whatever their wall clocks say. Concurrent events (neither saw
 * the other) are ordered by stamp, then installation id: arbitrary but the same everywhere.
 */

const MS_WIDTH = 15;
const COUNTER_WIDTH = 5;
const MAX_COUNTER = 10 ** COUNTER_WIDTH - 1;
const STAMP = /^(\d{15}):(\d{5})$/;

export interface HlcStamp {
  ms: number;
  counter: number;
}

export function formatHlc(stamp: HlcStamp): string {
  return `${String(stamp.ms).padStart(MS_WIDTH, '0')}:${String(stamp.counter).padStart(COUNTER_WIDTH, '0')}`;
}

/** `null` for text that is no stamp (events written before the clock existed carry ''). */
export function parseHlc(text: string): HlcStamp | null {
  const match = STAMP.exec(text);
  return match ? { ms: Number(match[1]), counter: Number(match[2]) } : null;
}

export function isHlc(text: string): boolean {
  return STAMP.test(text);
}

/**
 * The stamp for a new local event made at physical time `nowMs`, given the latest stamp this
 * installation knows (`latest`, '' when none). Also used for a run of events: pass the previous one.
 */
export function nextHlc(latest: string, nowMs: number): string {
  const last = parseHlc(latest);
  const physical = Math.max(0, Math.floor(nowMs));
  if (!last || physical > last.ms) return formatHlc({ ms: physical, counter: 0 });
  if (last.counter < MAX_COUNTER) return formatHlc({ ms: last.ms, counter: last.counter + 1 });
  // 100,000 events inside one millisecond: borrow the next millisecond rather than overflow.
  return formatHlc({ ms: last.ms + 1, counter: 0 });
}

/** Total order of events across installations: stamp, then installation id, then chain position. */
export function compareEventOrder(
  a: { hlc: string; installationId: string; seq: number },
  b: { hlc: string; installationId: string; seq: number },
): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.installationId !== b.installationId) return a.installationId < b.installationId ? -1 : 1;
  return a.seq - b.seq;
}
