import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '../../main/services/auth/auth.service';
import { addUser } from '../../main/services/auth/users.service';
import { pdfFonts } from '../helpers/pdf-fonts';
import { createCliArchive, PASSWORD, runCli, tempDir } from './cli-helpers';

const SLOW = { timeout: 300_000 };
const WANG_PASSWORD = 'wang-cli-password';

/** `redress handover …` against a real archive: each person signs in with their own password. */
describe('redress handover', SLOW, () => {
  const dir = tempDir();
  const archive = path.join(dir, 'archive.redress');
  const asWang = { env: { REDRESS_USER: 'wang', REDRESS_PASSWORD: WANG_PASSWORD } };
  let id = '';

  beforeAll(async () => {
    await createCliArchive(archive);
    const session = await openSession({ file: archive, username: 'admin', password: PASSWORD });
    try {
      await addUser(session.ctx, {
        username: 'wang',
        displayName: '王接收',
        role: 'clerk',
        branchCode: 'BJ01',
        password: WANG_PASSWORD,
      });
    } finally {
      session.close();
    }
  }, 300_000);

  it('usage errors exit 2, refusals exit 1 with one line', async () => {
    const missing = await runCli(['--archive', archive, 'handover', 'propose']);
    expect(missing.code).toBe(2);
    const self = await runCli(['--archive', archive, 'handover', 'propose', '--to', 'admin']);
    expect(self.code).toBe(1);
    expect(self.stderr.trim()).toBe(
      'redress: A handover needs two different people: nobody can hand the archive over to themselves. Nothing was changed.',
    );
    const unknown = await runCli(['--archive', archive, 'handover', 'accept', 'ffffffff']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('admin proposes, the recipient accepts with their own password, and the certificate prints', async () => {
    const proposed = await runCli([
      '--archive',
      archive,
      '--json',
      'handover',
      'propose',
      '--to',
      'wang',
      '--note',
      '网点撤并',
    ]);
    expect(proposed.code).toBe(0);
    const record = JSON.parse(proposed.stdout) as {
      id: string;
      status: string;
      proposal: { totalCases: number };
    };
    expect(record.status).toBe('proposed');
    id = record.id;
    // The proposer (admin) is not the recipient: their signature cannot accept it.
    const byAdmin = await runCli(['--archive', archive, 'handover', 'accept', id.slice(-8)]);
    expect(byAdmin.code).toBe(1);
    expect(byAdmin.stderr).toMatch(/Wrong user name or password/);
    const accepted = await runCli(
      ['--archive', archive, '--lang', 'zh-CN', 'handover', 'accept', id.slice(-8)],
      asWang,
    );
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('档案保管人现为 王接收 (wang)');
    const list = await runCli(['--archive', archive, '--json', 'handover', 'list'], asWang);
    const listed = JSON.parse(list.stdout) as {
      custodian: { username: string };
      items: { status: string }[];
    };
    expect(listed.custodian.username).toBe('wang');
    expect(listed.items.map((h) => h.status)).toEqual(['accepted']);
    // The new custodian (a clerk) may hand on; a second accept is a conflict.
    const again = await runCli(['--archive', archive, 'handover', 'accept', id], asWang);
    expect(again.code).toBe(1);
    const out = path.join(dir, 'handover.pdf');
    const cert = await runCli(['--archive', archive, '--json', 'handover', 'certificate', id, '--out', out]);
    expect(cert.code).toBe(0);
    expect(JSON.parse(cert.stdout)).toMatchObject({ file: out });
    expect(pdfFonts(fs.readFileSync(out)).embeddedPrograms).toBeGreaterThan(0);
  });
});
