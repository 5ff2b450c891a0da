import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfFonts } from '../helpers/pdf-fonts';
import { runCli, sampleCase, tempDir, createCliArchive } from './cli-helpers';

const SLOW = { timeout: 300_000 };

describe('redress letter', SLOW, () => {
  const dir = tempDir();
  const archive = path.join(dir, 'archive.redress');
  let caseNo = '';

  beforeAll(async () => {
    await createCliArchive(archive);
    const file = path.join(dir, 'case.json');
    fs.writeFileSync(file, JSON.stringify(sampleCase()));
    const added = await runCli(['--archive', archive, '--json', 'case', 'add', file]);
    caseNo = (JSON.parse(added.stdout) as { caseNo: string }).caseNo;
  }, 300_000);

  it('writes a refusal letter as PDF with its Chinese font embedded', async () => {
    const out = path.join(dir, 'refusal.pdf');
    const run = await runCli([
      '--archive',
      archive,
      '--lang',
      'zh-CN',
      'letter',
      caseNo,
      '--kind',
      'refusal',
      '--reason',
      '不属于本机构受理范围',
      '--out',
      out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/已生成告知书/);
    const fonts = pdfFonts(fs.readFileSync(out));
    expect(fonts.names.some((name) => /^[A-Z]{6}\+NotoSansSC/.test(name))).toBe(true);
  });

  it('refuses a decision letter before there is a decision: one line naming it, exit 1, no file', async () => {
    const out = path.join(dir, 'decision.pdf');
    const run = await runCli([
      '--archive',
      archive,
      '--lang',
      'zh-CN',
      'letter',
      caseNo,
      '--kind',
      'decision',
      '--out',
      out,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^redress: 告知书内容不完整，缺少：处理意见。/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses an unknown kind with one line and exit 2, writing nothing', async () => {
    const out = path.join(dir, 'nothing.pdf');
    const run = await runCli(['--archive', archive, 'letter', caseNo, '--kind', 'love', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      'redress: Unknown letter: love (use one of: acknowledgement, refusal, extension, decision, follow_up)',
    );
    expect(fs.existsSync(out)).toBe(false);
  });
});
