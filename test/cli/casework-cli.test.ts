import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, sampleCase, sha256, tempDir, createCliArchive } from './cli-helpers';
import { localDate } from '../../shared/domain/deadlines';

// Each run starts Node, tsx and scrypt: seconds apiece on a busy machine, so the limits are generous.
const SLOW = { timeout: 300_000 };

describe('redress casework on an encrypted archive', SLOW, () => {
  const dir = tempDir();
  const archive = path.join(dir, 'archive.redress');
  const run = (args: string[], input?: string) =>
    runCli(['--archive', archive, ...args], input === undefined ? {} : { input });
  let caseNo = '';

  beforeAll(async () => {
    await createCliArchive(archive);
    const added = await run(['--json', 'case', 'add', '-'], JSON.stringify(sampleCase()));
    caseNo = (JSON.parse(added.stdout) as { caseNo: string }).caseNo;
  }, 300_000);

  it('records a rectification action and moves it to verified, step by step', async () => {
    const today = localDate(Date.now()); // the archive's calendar (Asia/Shanghai), as the service counts
    const action = { what: '修订年费告知话术', department: '信用卡部', owner: '李四', dueDate: today };
    const added = await run(['--json', 'casework', 'rectify', caseNo, '-'], JSON.stringify(action));
    expect(added.code).toBe(0);
    const id = (JSON.parse(added.stdout) as { id: string }).id;

    // A refusal after sign-in leaves the sign-in's audit event, but nothing of the case changes.
    const caseState = async () => (await run(['--json', 'case', 'show', caseNo])).stdout;
    const before = await caseState();
    const skipped = await run(['casework', 'move-rectification', id, 'verified']);
    expect(skipped.code).toBe(2); // a refused input, as every VALIDATION error
    expect(skipped.stderr).toMatch(/one step at a time/);
    const unknown = await run(['casework', 'move-rectification', id, 'finished']);
    expect(unknown.code).toBe(2);
    expect(await caseState()).toBe(before);

    expect((await run(['casework', 'move-rectification', id, 'in_progress'])).code).toBe(0);
    expect((await run(['casework', 'move-rectification', id, 'done', '--evidence', '已培训'])).code).toBe(0);
    const verified = await run(['--lang', 'zh-CN', 'casework', 'move-rectification', id, 'verified']);
    expect(verified.stdout).toMatch(/已保存/);
    const shown = await run(['--lang', 'zh-CN', 'casework', 'show', caseNo]);
    expect(shown.stdout).toContain('已验证');
    expect(shown.stdout).toMatch(/ID\s+状态\s+到期日\s+责任人\s+整改措施/);
  });

  it('logs a contact, refers the case and shows the customer’s history', async () => {
    const contact = {
      contactDate: localDate(Date.now()),
      method: 'phone',
      contactedBy: '王五',
      summary: '告知处理进展',
      outcome: 'informed',
    };
    expect((await run(['casework', 'contact', caseNo, '-'], JSON.stringify(contact))).code).toBe(0);
    const referral = {
      kind: 'co_handling',
      toDepartment: '运营部',
      assignee: '赵六',
      task: '调取录像',
      dueDate: '2099-01-01',
    };
    const referred = await run(['--json', 'casework', 'refer', caseNo, '-'], JSON.stringify(referral));
    const id = (JSON.parse(referred.stdout) as { id: string }).id;
    expect((await run(['casework', 'move-referral', id, 'accepted'])).code).toBe(0);
    const noAnswer = await run(['casework', 'move-referral', id, 'answered']);
    expect(noAnswer.code).toBe(2);
    expect(noAnswer.stderr).toMatch(/answer/i);

    await run(['case', 'add', '-'], JSON.stringify({ ...sampleCase(), request: '第二次投诉：年费仍未退还' }));
    const history = await run(['casework', 'customer', caseNo]);
    expect(history.stdout).toContain('This complainant has 1 other case.');
    expect(history.stdout).toContain('第二次投诉');
    // In words, with headings: no raw status key reaches a Chinese reader.
    const inChinese = await run(['--lang', 'zh-CN', 'casework', 'customer', caseNo]);
    expect(inChinese.stdout).toMatch(/投诉编号\s+接收日期\s+状态\s+处理方式\s+满意度\s+诉求/);
    expect(inChinese.stdout).toContain('已登记');
    expect(inChinese.stdout).not.toContain('registered');
  });

  it('refuses malformed input before signing in', async () => {
    const before = sha256(archive);
    const bad = await run(['casework', 'contact', caseNo, '-'], JSON.stringify({ method: 'pigeon' }));
    expect(bad.code).toBe(2);
    expect(sha256(archive)).toBe(before);
    expect(fs.existsSync(archive)).toBe(true);
  });
});
