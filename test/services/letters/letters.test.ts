import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase, getCaseHistory, registerCase, transitionCase } from '../../../main/services/cases';
import { listContacts } from '../../../main/services/cases/contacts.service';
import {
  listLetterTemplates,
  saveLetterTemplate,
} from '../../../main/services/letters/letter-templates.service';
import {
  composeLetter,
  printLetterPdf,
  recordLetterPrinted,
  recordLetterSent,
} from '../../../main/services/letters/letters.service';
import { fillLetter, unknownPlaceholders } from '../../../shared/domain/letters';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';
import { pdfFonts } from '../../helpers/pdf-fonts';
import { expectAppError } from '../../helpers/archive-test-utils';

let fx: ArchiveFixture;
let dir: string;
let caseId = '';

beforeAll(() => {
  fx = createArchiveFixture();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-letters-'));
  caseId = registerCase(fx.ctx('clerk'), registration({ request: '退还多收的信用卡年费' })).id;
});
afterAll(() => {
  fx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function caseEvents(type: string) {
  return (
    fx.db.$client
      .prepare('SELECT payload FROM history_events WHERE type = ? AND case_id = ?')
      .all(type, caseId) as {
      payload: string;
    }[]
  ).map((row) => JSON.parse(row.payload) as Record<string, unknown>);
}

describe('letter templates', () => {
  it('finds placeholders that do not exist and fills the ones that do', () => {
    expect(unknownPlaceholders('{{customerName}} {{ caseNo }} {{nmae}} {{nmae}} {{}}')).toEqual(['nmae', '']);
    expect(fillLetter('尊敬的{{customerName}}：', { customerName: '张三' } as never)).toBe('尊敬的张三：');
  });

  it('refuses a template with an unknown placeholder and keeps the old one; saves a good one per branch', async () => {
    const admin = fx.ctx('admin');
    const draft = { kind: 'decision' as const, locale: 'zh-CN' as const, title: '答复函' };
    await expectAppError(
      () => saveLetterTemplate(admin, { ...draft, body: '尊敬的{{客户}}：' }),
      'VALIDATION',
    );
    expect(listLetterTemplates(admin, 'zh-CN').find((t) => t.kind === 'decision')?.isCustom).toBe(false);
    await expectAppError(
      () => saveLetterTemplate(fx.ctx('supervisor'), { ...draft, body: 'x' }),
      'FORBIDDEN',
    );

    saveLetterTemplate(admin, {
      ...draft,
      body: '尊敬的{{customerName}}：\n\n关于{{caseNo}}，{{decisionNotice}}',
    });
    const saved = listLetterTemplates(admin, 'zh-CN').find((t) => t.kind === 'decision');
    expect(saved).toMatchObject({ isCustom: true, title: '答复函' });
    // Another branch still has the default.
    expect(
      listLetterTemplates(fx.ctx('admin', 'SH01'), 'zh-CN').find((t) => t.kind === 'decision')?.isCustom,
    ).toBe(false);
  });
});

describe('letters for a case', () => {
  it('fills the case fields into the refusal letter, with the reason given', () => {
    const letter = composeLetter(fx.ctx('handler'), {
      caseId,
      kind: 'refusal',
      locale: 'zh-CN',
      reason: '不属于本机构业务范围',
    });
    expect(letter.title).toBe('投诉不予受理告知书');
    const text = letter.paragraphs.join('\n');
    expect(text).toContain('不属于本机构业务范围');
    expect(text).toContain(letter.caseNo);
    expect(text).not.toMatch(/\{\{/);
    expect(text).toMatch(/调解/);
  });

  it('prints a PDF that carries its own Chinese font, and records the print on the case', async () => {
    const file = path.join(dir, 'refusal.pdf');
    const result = await printLetterPdf(fx.ctx('handler'), {
      caseId,
      kind: 'acknowledgement',
      locale: 'zh-CN',
      filePath: file,
    });
    const pdf = fs.readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const fonts = pdfFonts(pdf);
    expect(fonts.names.some((name) => /^[A-Z]{6}\+NotoSansSC/.test(name))).toBe(true);
    expect(fonts.embeddedPrograms).toBeGreaterThan(0);
    expect(caseEvents('case.letter_printed')).toEqual([
      { kind: 'acknowledgement', locale: 'zh-CN', sha256: result.sha256 },
    ]);
  });

  it('refuses to print a letter with a hole in it (no decision yet, no reason), naming what is missing', async () => {
    const handler = fx.ctx('handler');
    const before = caseEvents('case.letter_printed').length;
    const decision = composeLetter(handler, { caseId, kind: 'decision', locale: 'zh-CN' });
    expect(decision.missing).toEqual(['decisionNotice']);
    const file = path.join(dir, 'decision.pdf');
    const refused = await printLetterPdf(handler, {
      caseId,
      kind: 'decision',
      locale: 'zh-CN',
      filePath: file,
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: 'LETTER_INCOMPLETE', params: { names: '处理意见' } });
    expect(fs.existsSync(file)).toBe(false);
    await expectAppError(
      () => recordLetterPrinted(handler, { caseId, kind: 'refusal' }),
      'LETTER_INCOMPLETE',
    );
    expect(caseEvents('case.letter_printed')).toHaveLength(before);
    // With the reason typed, the same refusal letter goes out.
    recordLetterPrinted(handler, { caseId, kind: 'refusal', reason: '不属于本机构业务范围' });
    expect(caseEvents('case.letter_printed')).toHaveLength(before + 1);
  });

  it('records sending (date, method) as evidence; a bad method changes nothing', async () => {
    await expectAppError(
      () =>
        recordLetterSent(fx.ctx('handler'), {
          caseId,
          kind: 'decision',
          method: 'pigeon' as never,
          sentDate: '2026-11-23',
        }),
      'VALIDATION',
    );
    await expectAppError(
      () =>
        recordLetterSent(fx.ctx('clerk'), {
          caseId,
          kind: 'decision',
          method: 'post',
          sentDate: '2026-11-23',
        }),
      'FORBIDDEN',
    );
    expect(caseEvents('case.letter_sent')).toEqual([]);
    expect(listContacts(fx.ctx('handler'), caseId)).toEqual([]);
    const { contactId } = recordLetterSent(fx.ctx('handler'), {
      caseId,
      kind: 'decision',
      method: 'post',
      sentDate: '2026-11-23',
    });
    expect(caseEvents('case.letter_sent')).toEqual([
      { kind: 'decision', method: 'post', sentDate: '2026-11-23', contactId },
    ]);
  });

  it('a sent letter is the contact that informed the customer: a lifecycle step can name it', () => {
    const handler = fx.ctx('handler');
    const { contactId } = recordLetterSent(handler, {
      caseId,
      kind: 'extension',
      method: 'sms',
      sentDate: '2026-11-23',
    });
    expect(listContacts(handler, caseId).find((c) => c.id === contactId)).toMatchObject({
      contactDate: '2026-11-23',
      method: 'sms',
      outcome: 'informed',
      summary: '延期告知书（短信送达）',
      contactedBy: 'handler BJ01',
    });
    // A sending dated before the case was received is refused by the contact log's rule; nothing is written.
    const before = caseEvents('case.letter_sent').length;
    expect(() =>
      recordLetterSent(handler, { caseId, kind: 'decision', method: 'post', sentDate: '2020-01-01' }),
    ).toThrow(expect.objectContaining({ fields: { contactDate: 'casework.validation.dateInvalid' } }));
    expect(caseEvents('case.letter_sent')).toHaveLength(before);
    const supervisor = fx.ctx('supervisor');
    const accepted = transitionCase(supervisor, caseId, getCase(supervisor, caseId).record.version, {
      action: 'accept',
    }).record;
    const extended = transitionCase(supervisor, caseId, accepted.version, {
      action: 'extend',
      toDays: 30,
      reason: '需调取录音',
      customerInformed: true,
      contactId,
    });
    expect(extended.record.status).toBe('accepted');
    expect(getCaseHistory(supervisor, caseId).at(-1)?.payload).toMatchObject({ input: { contactId } });
  });
});
