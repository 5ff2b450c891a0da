import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initArchive, runCli, sha256, tempDir, type CliRun, createCliArchive } from './cli-helpers';

// Each run starts Node, tsx and scrypt: seconds apiece on a busy machine.
const SLOW = { timeout: 300_000 };
const lines = (run: CliRun) => run.stderr.split('\n').filter((line) => line.trim() !== '');

/** The command line never writes where it must not, and says so in one line (issue 13 items 2, 13). */
describe('redress command line at the trust boundaries', SLOW, () => {
  const dir = tempDir();
  const archive = path.join(dir, 'archive.redress');

  beforeAll(async () => {
    await createCliArchive(archive);
  }, 300_000);

  const report = (out: string) =>
    runCli([
      '--archive',
      archive,
      'report',
      '--from',
      '2026-01-01',
      '--to',
      '2026-12-31',
      '--format',
      'csv',
      '--out',
      out,
    ]);

  it('the archive and its key file are readable by their owner only', () => {
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600);
    expect(fs.statSync(`${archive}.keys`).mode & 0o777).toBe(0o600);
  });

  it('report --out into a missing folder creates no folder and says so', async () => {
    const out = path.join(dir, 'nonexistent', 'deeper', 'x.csv');
    const run = await report(out);
    expect(run.code).toBe(1);
    expect(lines(run)).toEqual([
      `redress: The folder does not exist: ${path.dirname(out)}. Redress creates no folders; nothing was changed.`,
    ]);
    expect(fs.existsSync(path.join(dir, 'nonexistent'))).toBe(false);
  });

  it('report --out naming a folder, or the key file, is refused and nothing changes', async () => {
    const folder = await report(dir);
    expect(folder.code).toBe(1);
    expect(lines(folder)).toEqual([`redress: ${dir} is a folder; name a file.`]);
    const keys = sha256(`${archive}.keys`);
    for (const target of [`${archive}.keys`, archive, `${archive}-wal`]) {
      const run = await report(target);
      expect(run.code).toBe(1);
      expect(lines(run)[0]).toContain('Redress never writes over an archive');
    }
    expect(sha256(`${archive}.keys`)).toBe(keys);
    expect(fs.existsSync(`${archive}-wal`)).toBe(false);
  });

  it('a report is written readable by its owner only', async () => {
    const out = path.join(dir, 'report.csv');
    const run = await report(out);
    expect(run.code).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
  });

  it('--archive naming a folder says so, not that a key file is missing', async () => {
    const run = await runCli(['--archive', dir, 'case', 'list']);
    expect(run.code).toBe(1);
    expect(lines(run)).toEqual([`redress: ${dir} is a folder; name a file.`]);
  });

  it('a damaged key file is reported as such, not as a damaged archive', async () => {
    const copy = path.join(dir, 'copy.redress');
    fs.copyFileSync(archive, copy);
    fs.writeFileSync(`${copy}.keys`, '{"format": "redress-keys", "version": 1');
    const run = await runCli(['--archive', copy, 'case', 'list']);
    expect(run.code).toBe(1);
    expect(lines(run)[0]).toContain('The key file is damaged or unreadable');
  });

  it('import exit codes tell the truth, and --json says the same (issue 13 item 10)', async () => {
    const corpus = path.join(import.meta.dirname, '..', 'bad-input');
    const copy = (name: string) => {
      const file = path.join(dir, name);
      fs.copyFileSync(path.join(corpus, name), file);
      return file;
    };
    const bad = copy('cfpb-one-bad-date.csv');
    const rejected = await runCli(['--archive', archive, '--json', 'import', bad, '--preset', 'cfpb-2013']);
    expect(rejected.code).toBe(1);
    expect(JSON.parse(rejected.stdout)).toMatchObject({ outcome: 'rejected', exitCode: 1, imported: 0 });
    const partial = await runCli([
      '--archive',
      archive,
      '--json',
      'import',
      bad,
      '--preset',
      'cfpb-2013',
      '--mode',
      'skip-invalid',
    ]);
    expect(partial.code).toBe(3);
    expect(JSON.parse(partial.stdout)).toMatchObject({
      outcome: 'partial',
      exitCode: 3,
      imported: 3,
      rejected: 1,
    });
    const again = await runCli([
      '--archive',
      archive,
      'import',
      copy('cfpb-good.csv'),
      '--preset',
      'cfpb-2013',
    ]);
    expect(again.code).toBe(0);
  });

  it('case search --limit over 500 names the limit (issue 13 item 13)', async () => {
    const run = await runCli(['--archive', archive, 'case', 'search', '年费', '--limit', '1000']);
    expect(run.code).toBe(2);
    expect(lines(run)).toEqual(['redress: --limit can be at most 500']);
  });

  it('an unknown import preset is named, not "Record not found"', async () => {
    const file = path.join(import.meta.dirname, '..', 'bad-input', 'cfpb-good.csv');
    const run = await runCli(['--archive', archive, 'import', file, '--preset', 'nope']);
    expect(run.code).toBe(1);
    expect(lines(run)).toEqual(['redress: There is no import preset named “nope”.']);
  });

  it('init into a folder that does not exist creates nothing', async () => {
    const elsewhere = path.join(dir, 'missing', 'new.redress');
    const run = await initArchive(elsewhere);
    expect(run.code).toBe(1);
    expect(fs.existsSync(path.join(dir, 'missing'))).toBe(false);
  });
});
