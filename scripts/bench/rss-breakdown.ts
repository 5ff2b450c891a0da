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

const ARENA_BYTES = 64n * 1024n * 1024n;

export function rssBreakdown(pid: number | 'self' = 'self'): RssBreakdown | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return null;
  }
  const result: RssBreakdown = { heap: 0, arenas: 0, anon: 0, file: 0 };
  let kind: keyof RssBreakdown = 'anon';
  for (const line of text.split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      const start = BigInt(`0x${header[1]}`);
      const name = header[3] ?? '';
      if (name === '[heap]') kind = 'heap';
      else if (name.startsWith('/')) kind = 'file';
      else if (start % ARENA_BYTES === 0n) kind = 'arenas';
      else kind = 'anon';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) result[kind] += Number(rss[1]);
  }
  return result;
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
