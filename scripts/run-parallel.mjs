/**
 * Runs npm scripts side by side, as many at a time as the machine has cores, and prints each one's
 * output whole when it ends (never interleaved). Exits 1 if any failed, after all have ended.
 * `npm test` runs its checks and builds this way: eslint, prettier, the two type-checks and the two
 * builds are each one single-threaded process, ~2 min of CPU one after another on CI's 2 cores.
 * Longest first (eslint ~60 s of CPU, prettier ~35, the type-checks ~10 and ~6 with TypeScript 7).
 *   node scripts/run-parallel.mjs lint typecheck:node format:check
 */
import { spawn } from 'node:child_process';
import os from 'node:os';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  process.stderr.write('usage: node scripts/run-parallel.mjs SCRIPT...\n');
  process.exit(2);
}
const npm = process.env.npm_execpath;

function run(script) {
  return new Promise((resolve) => {
    const started = Date.now();
    // npm's own CLI through this Node when npm started us, so Windows needs no shell for npm.cmd.
    const [command, args] = npm ? [process.execPath, [npm, 'run', script]] : ['npm', ['run', script]];
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
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
