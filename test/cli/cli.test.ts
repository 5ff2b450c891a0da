import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { searchBacklog } from '../../db/repos/case-search.repo';
import { openSession } from '../../main/services/auth/auth.service';
import {
  initArchive,
  PASSWORD,
  runCli,
  sampleCase,
  sha256,
  tempDir,
  type CliRun,
  createCliArchive,
} from './cli-helpers';

// Each run starts Node, tsx and scrypt: seconds apiece on a busy machine, so the limits are generous.
const SLOW = { timeout: 300_000 };
const stderrLines = (run: CliRun) => run.stderr.split('\n').filter((line) => line.trim() !== '');

describe('redress command line on an encrypted archive', SLOW, () => {
  const dir = tempDir();
  const archive = path.join(dir, 'archive.redress');
  let init: CliRun;

  beforeAll(async () => {
    init = await initArchive(archive);
  }, 300_000);

  it('init creates the archive and prints the recovery key once, with a warning', () => {
    expect(init.code).toBe(0);
    expect(fs.existsSync(archive)).toBe(true);
    expect(init.stdout).toMatch(/Recovery key/);
    expect(init.stdout).toMatch(/will not be shown again/);
    expect(init.stdout).not.toContain('cli-test-password');
  });

  it('verify passes on a fresh archive', async () => {
    const run = await runCli(['--archive', archive, 'verify']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/sound/);
  });

  it('registers a case from a JSON file and finds it by list, show and Chinese full-text search', async () => {
    const file = path.join(dir, 'case.json');
    fs.writeFileSync(file, JSON.stringify(sampleCase()));
    const added = await runCli(['--archive', archive, '--json', 'case', 'add', file]);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const record = JSON.parse(added.stdout) as { id: string; caseNo: string };
    expect(record.caseNo).toMatch(/^BJ01-T1-\d{8}-0001$/);

    const list = await runCli(['--archive', archive, 'case', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(record.caseNo);
    expect(list.stdout).toContain('李秀英');

    const show = await runCli(['--archive', archive, 'case', 'show', record.caseNo]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(record.id);
    expect(show.stdout).toContain('要求退还信用卡年费');

    const search = await runCli(['--archive', archive, '--json', 'case', 'search', '信用卡年费']);
    expect(search.code).toBe(0);
    const page = JSON.parse(search.stdout) as { total: number; rows: { id: string }[] };
    expect(page.rows.map((row) => row.id)).toContain(record.id);

    const miss = await runCli(['--archive', archive, '--json', 'case', 'search', '汽车贷款利率']);
    expect((JSON.parse(miss.stdout) as { total: number }).total).toBe(0);
  });

  it('refuses a wrong password with one line, exit 1, and leaves the file untouched', async () => {
    const before = sha256(archive);
    const run = await runCli(['--archive', archive, 'case', 'list'], {
      env: { REDRESS_PASSWORD: 'not-the-password' },
    });
    expect(run.code).toBe(1);
    expect(stderrLines(run)).toHaveLength(1);
    expect(run.stderr).toMatch(/Wrong user name or password/);
    expect(run.stdout).toBe('');
    expect(sha256(archive)).toBe(before);
  });

  it('rejects malformed JSON and an unknown flag with one line and exit 2, changing nothing', async () => {
    const before = sha256(archive);
    const bad = await runCli(['--archive', archive, 'case', 'add', '-'], { input: '{"receivedAt": 1,' });
    expect(bad.code).toBe(2);
    expect(stderrLines(bad)).toHaveLength(1);
    expect(bad.stderr).toMatch(/not valid JSON/);

    const flag = await runCli(['--archive', archive, 'case', 'list', '--colour']);
    expect(flag.code).toBe(2);
    expect(stderrLines(flag)).toEqual(['redress: unknown option: --colour']);

    const missing = await runCli(['--archive', archive, 'case', 'add', '-'], {
      input: JSON.stringify({ ...sampleCase(), request: undefined }),
    });
    expect(missing.code).toBe(2);
    expect(stderrLines(missing)).toHaveLength(1);
    expect(missing.stderr).toMatch(/request/);
    expect(sha256(archive)).toBe(before);
  });

  it('speaks Chinese when asked', async () => {
    const run = await runCli(['--archive', archive, '--lang', 'zh-CN', 'case', 'list', '--limit', 'x']);
    expect(run.code).toBe(2);
    expect(stderrLines(run)).toEqual(['redress: --limit 必须是正整数']);
  });

  it('backs up and restores the archive', async () => {
    const backup = path.join(dir, 'backup.redress');
    const made = await runCli(['--archive', archive, 'backup', backup]);
    expect(made.code).toBe(0);
    expect(fs.existsSync(backup)).toBe(true);
    const restored = await runCli(['--archive', archive, 'restore', backup]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const kept = fs.readdirSync(path.dirname(archive)).filter((n) => n.includes('.before-restore-'));
    expect(kept.filter((n) => n.endsWith('.keys'))).toHaveLength(1);
    const list = await runCli(['--archive', archive, 'case', 'list']);
    expect(list.stdout).toContain('李秀英');
  });
});

describe('redress command line without an archive', SLOW, () => {
  it('says clearly that the archive is missing', async () => {
    const file = path.join(tempDir(), 'nowhere.redress');
    const run = await runCli(['--archive', file, 'case', 'list']);
    expect(run.code).toBe(1);
    expect(stderrLines(run)).toEqual([`redress: Archive file not found: ${file}`]);
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('redress seed', SLOW, () => {
  it('gives identical case contents for the same seed in two archives', async () => {
    const dir = tempDir();
    const pages: unknown[] = [];
    for (const name of ['one.redress', 'two.redress']) {
      const file = path.join(dir, name);
      await createCliArchive(file);
      const seeded = await runCli([
        '--archive',
        file,
        'seed',
        '--count',
        '200',
        '--seed',
        '7',
        '--from',
        '2025-01-01',
        '--to',
        '2025-06-30',
      ]);
      expect(seeded.stderr).toBe('');
      expect(seeded.code).toBe(0);
      const list = await runCli(['--archive', file, '--json', 'case', 'list', '--limit', '500']);
      const page = JSON.parse(list.stdout) as { total: number; rows: { handlerUserId: string | null }[] };
      expect(page.total).toBe(200);
      // Cases are handled by the archive's own users (here its one administrator, whose id each archive draws).
      const handlers = new Set(page.rows.map((row) => row.handlerUserId).filter((id) => id !== null));
      expect(handlers.size).toBe(1);
      pages.push(page.rows.map(({ handlerUserId: _handler, ...row }) => row));
    }
    expect(pages[0]).toEqual(pages[1]);
    // The seed stores its cases first; the command indexes them for search before it ends.
    const session = await openSession({
      file: path.join(dir, 'one.redress'),
      username: 'admin',
      password: PASSWORD,
    });
    try {
      expect(searchBacklog(session.db)).toMatchObject({ lastRowNo: 200, pending: 0 });
    } finally {
      session.close();
    }
    const verify = await runCli(['--archive', path.join(dir, 'one.redress'), 'verify']);
    expect(verify.code).toBe(0);
    const bad = await runCli([
      '--archive',
      path.join(dir, 'one.redress'),
      'seed',
      '--count',
      '5',
      '--history',
      'some',
    ]);
    expect(bad.code).toBe(2);
    expect(stderrLines(bad)).toEqual(['redress: invalid value: --history some (full, minimal)']);
  });
});
