import fs from 'node:fs';

/**
 * Where a process's resident memory lives, from /proc/PID/smaps (Linux): the main thread's malloc
 * heap (`[heap]`: glibc's main arena, where SQLite's page cache and in-memory sorts go when the
 * main thread allocates them), 64 MiB-aligned anonymous regions (other threads' malloc arenas:
 * a worker's SQLite connection and its buffers), other anonymous memory (V8's heaps, large
 * mallocs) and file-backed pages (the executable, shared libraries, mapped files). In KiB.
 */
export interface RssBreakdown {
  heap: number;
  arenas: number;
  anon: number;
  file: number;
}

const ARENA_BYTES = 64 * 1024 * 1024;

/**
 * Read into one buffer kept for the process and scanned byte by byte: a sampling bench calls this
 * at each new memory peak, and splitting ~0.5 MB of smaps text into lines and matching each left
 * MBs of garbage on the measuring thread, whose heap then grew into the very figure it measured.
 */
let smapsBuffer = Buffer.alloc(1 << 20);

export function rssBreakdown(pid: number | 'self' = 'self'): RssBreakdown | null {
  let length: number;
  try {
    length = readWhole(`/proc/${pid}/smaps`);
  } catch {
    return null;
  }
  const bytes = smapsBuffer;
  const result: RssBreakdown = { heap: 0, arenas: 0, anon: 0, file: 0 };
  let kind: keyof RssBreakdown = 'anon';
  for (let line = 0; line < length;) {
    let end = bytes.indexOf(NEWLINE, line);
    if (end < 0 || end > length) end = length;
    if (isHexDigit(bytes[line]!)) kind = mappingKind(bytes, line, end);
    else if (startsWith(bytes, line, RSS_FIELD)) result[kind] += decimalAt(bytes, line + RSS_FIELD.length);
    line = end + 1;
  }
  return result;
}

const NEWLINE = 0x0a;
const RSS_FIELD = Buffer.from('Rss:');

/** A mapping's header: `start-end perms offset dev inode   [name]`. */
function mappingKind(bytes: Buffer, line: number, end: number): keyof RssBreakdown {
  // The name begins after the fifth field; absent for anonymous memory.
  let at = line;
  for (let field = 0; field < 5; field++) {
    while (at < end && bytes[at] !== 0x20) at++;
    while (at < end && bytes[at] === 0x20) at++;
  }
  if (at < end && bytes[at] === 0x2f) return 'file'; // '/'
  if (end - at >= 6 && bytes.toString('latin1', at, at + 6) === '[heap]') return 'heap';
  // The start address: 64 MiB-aligned means its low 26 bits are zero (the last 6.5 hex digits).
  let digits = 0;
  while (isHexDigit(bytes[line + digits]!)) digits++;
  const low = Number.parseInt(bytes.toString('latin1', line + Math.max(0, digits - 7), line + digits), 16);
  return low % ARENA_BYTES === 0 ? 'arenas' : 'anon';
}

function readWhole(file: string): number {
  const fd = fs.openSync(file, 'r');
  try {
    let length = 0;
    for (;;) {
      if (length === smapsBuffer.length) {
        const larger = Buffer.alloc(smapsBuffer.length * 2);
        smapsBuffer.copy(larger);
        smapsBuffer = larger;
      }
      const read = fs.readSync(fd, smapsBuffer, length, smapsBuffer.length - length, null);
      if (read === 0) return length;
      length += read;
    }
  } finally {
    fs.closeSync(fd);
  }
}

const isHexDigit = (byte: number) => (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66);

function startsWith(bytes: Buffer, at: number, prefix: Buffer): boolean {
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

/** The decimal number after spaces at `at`. */
function decimalAt(bytes: Buffer, at: number): number {
  while (bytes[at] === 0x20) at++;
  let value = 0;
  while (bytes[at]! >= 0x30 && bytes[at]! <= 0x39) value = value * 10 + bytes[at++]! - 0x30;
  return value;
}

/** VmRSS in KiB, or null when the process is gone. */
export function rssKb(pid: number | 'self' = 'self'): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}
