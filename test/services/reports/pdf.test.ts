import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';
import { decided, insertCases } from '../../helpers/case-rows';
import { exportPdf } from '../../../main/services/reports/pdf-export';
import type { PdfPrinter } from '../../../main/services/reports/chromium-printer';
import { describeFilter } from '../../../main/services/reports/filter-text';
import { pdfFonts } from '../../helpers/pdf-fonts';

let fx: ArchiveFixture;
let dir: string;
const REQUEST = {
  filter: { receivedFrom: '2026-01-01', receivedTo: '2026-11-23', businessCodes: ['B02'] },
  splitBy: 'cause' as const,
};

beforeAll(() => {
  fx = createArchiveFixture();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-pdf-'));
  insertCases(fx.db, [
    ...Array.from({ length: 30 }, (_, i) =>
      decided(`2026-0${1 + (i % 9)}-1${i % 9}`, i * 2, {
        businessCode: 'B0201',
        causeCode: i % 3 ? 'C01' : 'C09',
        resolutionType: 'refund',
        satisfaction: 'satisfied',
      }),
    ),
    { receivedDate: '2026-11-20', businessCode: 'B02', causeCode: 'C09' },
  ]);
});
afterAll(() => {
  fx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('pdf export', () => {
  it('prints a paged report with the charts, the filter in words and the export record', async () => {
    const file = path.join(dir, 'report.pdf');
    const result = await exportPdf(fx.ctx('analyst'), { filePath: file, request: REQUEST, locale: 'zh-CN' });
    expect(result.rowCount).toBe(31);
    const pdf = fs.readFileSync(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    // Ten vector charts and their tables make a report far larger than an empty page (~10 KB).
    expect(pdf.length).toBeGreaterThan(60_000);
    // Its own CJK font inside, not the machine's: Noto Sans SC from @fontsource, subset and embedded.
    const fonts = pdfFonts(pdf);
    expect(fonts.names.some((name) => /^[A-Z]{6}\+NotoSansSC/.test(name))).toBe(true);
    expect(fonts.names.filter((name) => /CJK|YaHei/i.test(name))).toEqual([]);
    expect(fonts.embeddedPrograms).toBeGreaterThan(0);
    const events = fx.db.$client
      .prepare("SELECT payload FROM history_events WHERE type = 'export.pdf'")
      .all() as { payload: string }[];
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.payload)).toMatchObject({
      rowCount: 31,
      filter: { businessCodes: ['B02'] },
    });
  });

  it('hands the printer HTML with every chart as inline SVG and the filter described', async () => {
    let printed = '';
    const printer: PdfPrinter = {
      async print(html, file) {
        printed = html;
        fs.writeFileSync(file, '%PDF-1.4 stub');
      },
    };
    await exportPdf(fx.ctx('analyst'), {
      filePath: path.join(dir, 'stub.pdf'),
      request: REQUEST,
      locale: 'en',
      printer,
    });
    expect(printed.match(/<svg /g)).toHaveLength(10);
    expect(printed).toContain('Complaint trend');
    expect(printed).toContain('Causes (Pareto)');
    expect(printed).toContain('Filter: Received: 2026-01-01 – 2026-11-23; Business: B02'); // the fixture's English names are the codes
    expect(printed).not.toMatch(/<script/i);
  });

  it('deletes the partial file when cancelled before printing', async () => {
    const controller = new AbortController();
    controller.abort();
    const file = path.join(dir, 'cancelled.pdf');
    await expect(
      exportPdf(fx.ctx('analyst'), {
        filePath: file,
        request: REQUEST,
        locale: 'zh-CN',
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('describeFilter', () => {
  it('names every condition in the reader’s language', () => {
    const label = (_s: 'A' | 'B' | 'C', code: string) => (code === 'B02' ? 'B02 贷款' : code);
    expect(
      describeFilter(
        { receivedFrom: '2026-01-01', businessCodes: ['B02'], deadline: 'overdue', priorities: ['urgent'] },
        'zh-CN',
        label,
      ),
    ).toBe('接收日期：2026-01-01 – …；业务类别：B02 贷款；优先级：紧急；期限：已逾期');
    expect(describeFilter({}, 'en', label)).toBe('All complaints');
  });
});
