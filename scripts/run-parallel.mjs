/**
 * Runs npm scripts side by side, as many at a time as the machine has cores, and prints each one's
 * output whole when it ends (never interleaved). Exits 1 if any failed, after all have ended.
 * `npm test` runs its checks and builds this way: prettier, the two type-checks and eslint are each
 * one single-threaded process, ~2 min of CPU one after another on CI's 2 cores. Longest first.
 *   node scripts/run-parallel.mjs lint typecheck:node format:check
 *
 * `--live` prints each line as it comes, prefixed with its script's name, instead of whole outputs
 * at the end: a long test run shows where it is, and a run stopped from outside leaves its log.
 * `--behind=SCRIPT` runs SCRIPT (and everything it starts) at a lower CPU priority (nice 10): it
 * takes the cores the others leave idle and yields them whenever the others want them.
 * `npm test` runs the two test suites this way: the e2e suite (one file at a time, mostly waiting
 * on Chromium) kept about one core of CI's two busy, and the unit suite behind it takes the rest.
 *   node scripts/run-parallel.mjs --live --behind=test:unit test:unit test:e2e:built
 */
import { spawn } from 'node:child_process';
import os from 'node:os';

const BEHIND_NICE = 10;
const args = process.argv.slice(2);
const live = args.includes('--live');
const behind = new Set(args.filter((arg) => arg.startsWith('--behind=')).map((arg) => arg.slice(9)));
const scripts = args.filter((arg) => !arg.startsWith('--'));
const unknown = [...behind].filter((script) => !scripts.includes(script));
if (
  scripts.length === 0 ||
  unknown.length > 0 ||
  args.some((arg) => arg.startsWith('--') && arg !== '--live' && !arg.startsWith('--behind='))
) {
  process.stderr.write('usage: node scripts/run-parallel.mjs [--live] [--behind=SCRIPT]... SCRIPT...\n');
  process.exit(2);
}
const npm = process.env.npm_execpath;

/** Writes a child's output as whole lines, each prefixed with the script's name. */
function lineWriter(script) {
  let pending = '';
  return {
    write(chunk) {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      if (lines.length > 0) process.stdout.write(lines.map((line) => `[${script}] ${line}\n`).join(''));
    },
    end() {
      if (pending) process.stdout.write(`[${script}] ${pending}\n`);
      pending = '';
    },
  };
}

function run(script) {
  return new Promise((resolve) => {
    const started = Date.now();
    // npm's own CLI through this Node when npm started us, so Windows needs no shell for npm.cmd.
    const [command, args] = npm ? [process.execPath, [npm, 'run', script]] : ['npm', ['run', script]];
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    // Set before npm has started anything: every process it starts inherits the priority.
    if (behind.has(script) && child.pid !== undefined) {
      try {
        os.setPriority(child.pid, BEHIND_NICE);
      } catch {
        // Not allowed here: the script runs at the normal priority, only slower for the others.
      }
    }
    const output = [];
    const lines = live ? lineWriter(script) : undefined;
    const collect = (chunk) => (lines ? lines.write(chunk) : output.push(chunk));
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => collect(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      lines?.end();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const verdict = code === 0 ? 'passed' : `FAILED (exit ${code})`;
      process.stdout.write(`\n> ${script}: ${verdict} in ${seconds} s\n${Buffer.concat(output).toString()}`);
      resolve(code === 0);
    });
  });
}

const waiting = [...scripts];
const results = [];
async function lane() {
  for (let script = waiting.shift(); script !== undefined; script = waiting.shift())
    results.push(await run(script));
}
const lanes = Math.max(1, Math.min(os.availableParallelism(), scripts.length));
await Promise.all(Array.from({ length: lanes }, lane));
process.exitCode = results.every(Boolean) ? 0 : 1;
