/**
 * Runs a command and samples its memory from outside, as the kernel sees it: VmRSS every 0.5 s
 * (a synchronous step inside the process, such as an index rebuild, cannot stop this sampler), and
 * where that memory lives, from /proc/PID/smaps (rss-breakdown.ts).
 *
 *   tsx scripts/bench/rss-watch.ts [--every-ms 500] -- node [args…]
 *
 * Prints a line per sample whose RSS moved by 10 MB or more, the peak with its breakdown, and
 * whatever the command printed, each with the seconds since the start.
 */
import { spawn } from 'node:child_process';
import { rssBreakdown as breakdown, rssKb, type RssBreakdown as Breakdown } from './rss-breakdown';

const split = process.argv.indexOf('--');
if (split === -1 || split === process.argv.length - 1)
  throw new Error('usage: rss-watch.ts [--every-ms N] -- command [args…]');
const everyArg = process.argv.indexOf('--every-ms');
const everyMs = everyArg !== -1 && everyArg < split ? Number(process.argv[everyArg + 1]) : 500;
const [command, ...args] = process.argv.slice(split + 1) as [string, ...string[]];

const started = performance.now();
const at = () => ((performance.now() - started) / 1000).toFixed(1).padStart(7);
const mb = (kb: number) => Math.round(kb / 1024);

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
