import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../../db/open';
import { hashEvent } from '../../../db/repos/history.repo';
import { readKeyFile } from '../../../main/services/keyring/key-file';
import { unlockWithPassword } from '../../../main/services/keyring/keyring';
import { PASSWORD, runCli, sampleCase, type CliRun, createCliArchive } from '../../cli/cli-helpers';
import { useTestHqWithDir } from '../../helpers/hq-postgres';

/**
 * Issue 15 item 3: someone holding the archive key rewrites an event after a sync and recomputes
 * every later hash and the stored chain head, so the hash walk alone finds nothing. `verify`
 * compares the chain with head office's last signed receipt and fails, in words, with exit code 1.
 */
const setup = useTestHqWithDir('verify-receipt');
let archive: string;

beforeAll(() => {
  archive = path.join(setup.dir, 'branch.redress');
});

function ok(run: CliRun): CliRun {
  expect(run.stderr, run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run;
}

async function enrolledArchiveWithACase(): Promise<void> {
  await createCliArchive(archive);
  const code = await setup.hq.admin.createEnrollmentCode('BJ01', false);
  ok(
    await runCli([
      '--archive',
      archive,
      'sync',
      'enroll',
      setup.hq.url,
      '--code',
      code.code,
      '--fingerprint',
      setup.hq.identity.fingerprint,
    ]),
  );
  const caseFile = path.join(setup.dir, 'case.json');
  fs.writeFileSync(caseFile, JSON.stringify({ ...sampleCase(), request: '要求退还年费' }));
  ok(await runCli(['--archive', archive, 'case', 'add', caseFile]));
  ok(await runCli(['--archive', archive, 'sync', 'now']));
}

/** What an insider with the archive key can do: edit an event and re-hash the chain after it. */
async function rewriteRegistrationConsistently(): Promise<void> {
  const unlocked = await unlockWithPassword(readKeyFile(archive), 'admin', PASSWORD);
  const db = openArchive({ file: archive, key: unlocked.candidates[0]!, mode: 'open' });
  try {
    const client = db.$client;
    const target = client
      .prepare("SELECT installation_id AS id, seq FROM history_events WHERE type = 'case.registered'")
      .get() as { id: string; seq: number };
    client
      .prepare(
        'UPDATE history_events SET payload = replace(payload, ?, ?) WHERE installation_id = ? AND seq = ?',
      )
      .run('要求退还年费', '无具体诉求', target.id, target.seq);
    const rows = client
      .prepare('SELECT * FROM history_events WHERE installation_id = ? AND seq >= ? ORDER BY seq')
      .all(target.id, target.seq) as Record<string, unknown>[];
    let prevHash = String(
      (
        client
          .prepare('SELECT prev_hash FROM history_events WHERE installation_id = ? AND seq = ?')
          .get(target.id, target.seq) as { prev_hash: string }
      ).prev_hash,
    );
    const update = client.prepare(
      'UPDATE history_events SET prev_hash = ?, hash = ? WHERE installation_id = ? AND seq = ?',
    );
    for (const raw of rows) {
      const hash = hashEvent({
        id: String(raw.id),
        installationId: target.id,
        seq: Number(raw.seq),
        caseId: raw.case_id === null ? null : String(raw.case_id),
        type: String(raw.type),
        actorUserId: raw.actor_user_id === null ? null : String(raw.actor_user_id),
        at: Number(raw.at),
        payload: String(raw.payload),
        prevHash,
        hlc: String(raw.hlc ?? ''),
      });
      update.run(prevHash, hash, target.id, raw.seq);
      prevHash = hash;
    }
    const last = rows.at(-1)!;
    client
      .prepare('UPDATE meta SET value = ? WHERE key = ?')
      .run(`${String(last.seq)}:${prevHash}`, `chain_head:${target.id}`);
  } finally {
    db.$client.close();
    for (const key of unlocked.candidates) key.fill(0);
  }
}

describe('verify against the last receipt from head office', () => {
  it('passes after a sync, and fails once the chain was rewritten consistently', async () => {
    await enrolledArchiveWithACase();
    const before = ok(await runCli(['--archive', archive, 'verify']));
    expect(before.stdout).toMatch(/matches head office's receipt for seq \d+/);

    await rewriteRegistrationConsistently();

    const en = await runCli(['--archive', archive, 'verify']);
    expect(en.code).toBe(1);
    expect(en.stderr.trim()).toMatch(
      /^redress: The local chain does not match head office's receipt \(seq \d+\): history was rewritten after a sync!$/,
    );
    const zh = await runCli(['--archive', archive, '--lang', 'zh-CN', 'verify']);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toMatch(/本机事件链与总部回执不符（第 \d+ 号）：同步之后历史被改写过！/);
    const json = await runCli(['--archive', archive, '--json', 'verify']);
    expect(json.code).toBe(1);
    // The hash walk alone is satisfied: only the receipt exposes the rewrite.
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      chainProblems: [],
      keyFile: 'intact',
      receipt: { status: 'mismatch' },
    });
    // `sync status` checks the same receipt: with --json too it prints the status and exits 1.
    const status = await runCli(['--archive', archive, '--json', 'sync', 'status']);
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout)).toMatchObject({ receiptCheck: { status: 'mismatch' } });
    expect(status.stderr).toMatch(/^redress: The local chain does not match head office's receipt/);
  }, 300_000);
});
