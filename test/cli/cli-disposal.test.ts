import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '../../main/services/auth/auth.service';
import { addUser } from '../../main/services/auth/users.service';
import { registerCase, transitionCase } from '../../main/services/cases';
import { registration } from '../helpers/case-inputs';
import { pdfFonts } from '../helpers/pdf-fonts';
import { PASSWORD, runCli, tempDir, createCliArchive } from './cli-helpers';

const SLOW = { timeout: 300_000 };
const CLOSED_AT = Date.UTC(2020, 2, 10, 2, 0, 0);

/** `redress retention …` and `redress disposal …` against a real archive, two people signing in. */
describe('redress disposal', SLOW, () => {
  const dir = tempDir();
  const archive = path.join(dir, 'archive.redress');
  const as = (user: string) => ({ env: { REDRESS_USER: user } });
  let caseNo = '';
  let batchId = '';

  beforeAll(async () => {
    await createCliArchive(archive);
    // A case closed in 2020, and a second approver, written with the services on a 2020 clock.
    const session = await openSession({
      file: archive,
      username: 'admin',
      password: PASSWORD,
      clock: { now: () => CLOSED_AT, timeZone: 'Asia/Shanghai' },
    });
    try {
      await addUser(session.ctx, {
        username: 'sup',
        displayName: '李主管',
        role: 'supervisor',
        branchCode: 'BJ01',
        password: PASSWORD,
      });
      const registered = registerCase(session.ctx, registration({ receivedAt: CLOSED_AT - 3_600_000 }));
      const rejected = transitionCase(session.ctx, registered.id, 1, {
        action: 'reject',
        reason: '不属于受理范围',
      });
      transitionCase(session.ctx, registered.id, rejected.record.version, { action: 'archive' });
      caseNo = registered.caseNo;
    } finally {
      session.close();
    }
  }, 300_000);

  it('shows the periods, refuses to shorten them (exit 1) and bad numbers (exit 2)', async () => {
    const shown = await runCli(['--archive', archive, '--json', 'retention', 'show']);
    expect(JSON.parse(shown.stdout)).toEqual({ complaint: 3, credit_reporting: 10 });
    const shorter = await runCli(['--archive', archive, 'retention', 'set', '--complaint', '2']);
    expect(shorter.code).toBe(1);
    expect(shorter.stderr).toMatch(/cannot be shorter than the legal minimum \(3 years\)/);
    const bad = await runCli(['--archive', archive, 'retention', 'set', '--complaint', 'three']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('redress: Years must be a whole number: three');
    const longer = await runCli([
      '--archive',
      archive,
      '--lang',
      'zh-CN',
      'retention',
      'set',
      '--complaint',
      '4',
    ]);
    expect(longer.code).toBe(0);
    expect(longer.stdout).toMatch(/投诉档案：4 年/);
  });

  it('lists the case, and the proposer cannot approve it; another supervisor or admin can', async () => {
    const listed = await runCli(['--archive', archive, '--json', 'disposal', 'list']);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { items: { caseNo: string }[] }).items.map((c) => c.caseNo)).toEqual(
      [caseNo],
    );
    const held = await runCli(['--archive', archive, 'retention', 'hold', caseNo, '--reason', '诉讼中']);
    expect(held.code).toBe(0);
    const refused = await runCli(['--archive', archive, 'disposal', 'propose', caseNo], as('sup'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/legal hold/);
    await runCli(['--archive', archive, 'retention', 'lift', caseNo, '--reason', '判决生效']);

    const proposed = await runCli(['--archive', archive, '--json', 'disposal', 'propose', caseNo], as('sup'));
    expect(proposed.code).toBe(0);
    batchId = (JSON.parse(proposed.stdout) as { id: string }).id;
    const self = await runCli(['--archive', archive, 'disposal', 'approve', batchId], as('sup'));
    expect(self.code).toBe(1);
    expect(self.stderr).toMatch(/Disposal needs two people/);
    const approved = await runCli(['--archive', archive, 'disposal', 'approve', batchId, '--note', '同意']);
    expect(approved.code).toBe(0);
    expect(approved.stdout.trim()).toBe(`Batch ${batchId} approved; cases disposed of: 1.`);
    const after = await runCli(['--archive', archive, '--json', 'disposal', 'list']);
    expect((JSON.parse(after.stdout) as { total: number }).total).toBe(0);
  });

  it('writes the certificate with its font; usage errors exit 2', async () => {
    const out = path.join(dir, 'certificate.pdf');
    const run = await runCli([
      '--archive',
      archive,
      '--lang',
      'zh-CN',
      'disposal',
      'certificate',
      batchId,
      '--out',
      out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/已生成销毁清单/);
    expect(pdfFonts(fs.readFileSync(out)).names.some((name) => /NotoSansSC/.test(name))).toBe(true);
    expect((await runCli(['--archive', archive, 'disposal', 'approve'])).code).toBe(2);
    expect((await runCli(['--archive', archive, 'retention', 'document', 'x', 'contract'])).code).toBe(2);
  });
});
