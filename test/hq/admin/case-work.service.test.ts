import { describe, expect, it } from 'vitest';
import { maskIdentifiersInText } from '../../../hq/admin/case-work.service';

/**
 * Free text HQ shows to roles without `pii:view`: numbers are masked however the clerk grouped
 * them. A mobile typed `138 1234 5678` or `138-1234-5678`, or a card typed in groups of four, is
 * as personal as the run-together form and was shown whole.
 */
describe('maskIdentifiersInText', () => {
  it.each([
    ['致电 13912345678，客户同意', '致电 139****5678，客户同意'],
    ['致电 139 1234 5678，客户同意', '致电 139****5678，客户同意'],
    ['致电139-1234-5678', '致电139****5678'],
    ['卡号 6222 0212 3456 7890 123', '卡号 ***************0123'],
    ['卡号 6222-0212-3456-7890', '卡号 ************7890'],
    ['卡号 6222021234567890123', '卡号 ***************0123'],
    ['身份证 11010519491231002X', '身份证 110***********002X'],
  ])('%s', (text, masked) => {
    expect(maskIdentifiersInText(text)).toBe(masked);
  });

  it('leaves dates, amounts and case numbers alone', () => {
    const text = '2026-12-07 退款 1234.50 元，案件 BJ01-T1-20261207-0001，工单 2026 1207';
    expect(maskIdentifiersInText(text)).toBe(text);
  });
});
