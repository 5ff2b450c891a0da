/**
 * Runs a command and samples its memory from outside, as the kernel sees it: VmRSS every 0.5 s
 * (a synchronous step inside the process, such as an index rebuild, cannot stop this sampler), and
 * where that memory lives, from /proc/PID/smaps: the main thread's malloc heap (`[heap]`: glibc's
 * main arena, where SQLite's page cache and in-memory sorts go when the main thread allocates
 * them), 64 MiB-aligned anonymous regions (other threads' malloc arenas), other anonymous memory
 * (V8's heaps, large mallocs) and file-backed pages (the executable, shared libraries).
 *
 *   tsx scripts/bench/rss-watch.ts [--every-ms 500] -- node [args…]
 *
 * Prints a line per sample whose RSS moved by 10 MB or more, the peak with its breakdown, and
 * whatever the command printed, each with the seconds since the start.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const split = process.argv.indexOf('--');
if (split === -1 || split === process.argv.length - 1)
  throw new Error('usage: rss-watch.ts [--every-ms N] -- command [args…]');
const everyArg = process.argv.indexOf('--every-ms');
const everyMs = everyArg !== -1 && everyArg < split ? Number(process.argv[everyArg + 1]) : 500;
const [command, ...args] = process.argv.slice(split + 1) as [string, ...string[]];

const ARENA_BYTES = 64 * 1024 * 1024;
const started = performance.now();
const at = () => ((performance.now() - started) / 1000).toFixed(1).padStart(7);
const mb = (kb: number) => Math.round(kb / 1024);

interface Breakdown {
  heap: number;
  arenas: number;
  anon: number;
  file: number;
}

/** RSS in KiB by kind of mapping (see the file's comment). */
function breakdown(pid: number): Breakdown | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return null;
  }
  const result: Breakdown = { heap: 0, arenas: 0, anon: 0, file: 0 };
  let kind: keyof Breakdown = 'anon';
  for (const line of text.split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      const start = BigInt(`0x${header[1]}`);
      const name = header[3] ?? '';
      if (name === '[heap]') kind = 'heap';
      else if (name.startsWith('/')) kind = 'file';
      else if (start % BigInt(ARENA_BYTES) === 0n) kind = 'arenas';
      else kind = 'anon';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) result[kind] += Number(rss[1]);
  }
  return result;
}

function rssKb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

const format = (b: Breakdown) =>
  `heap ${mb(b.heap)} · arenas ${mb(b.arenas)} · anon ${mb(b.anon)} · file ${mb(b.file)} MB`;

const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
const echo = (chunk: Buffer) => {
  for (const line of chunk.toString().split('\n')) if (line.trim()) console.log(`${at()} | ${line}`);
};
child.stdout.on('data', echo);
child.stderr.on('data', echo);
let peak = 0;
let peakBreakdown: Breakdown | null = null;
let last = 0;
const timer = setInterval(() => {
  const pid = child.pid;
  if (pid === undefined) return;
  const rss = rssKb(pid);
  if (rss === null) return;
  const isPeak = rss > peak;
  if (isPeak) peak = rss;
  if (Math.abs(rss - last) >= 10 * 1024 || isPeak) {
    const parts = breakdown(pid);
    if (isPeak) peakBreakdown = parts;
    if (Math.abs(rss - last) >= 10 * 1024) {
      console.log(`${at()}   RSS ${mb(rss)} MB${parts ? ` (${format(parts)})` : ''}`);
      last = rss;
    }
  }
}, everyMs);
child.on('exit', (code) => {
  clearInterval(timer);
  console.log(
    `${at()}   peak RSS ${mb(peak)} MB${peakBreakdown ? ` (${format(peakBreakdown)})` : ''}; exit ${code}`,
  );
  process.exitCode = code ?? 1;
});
