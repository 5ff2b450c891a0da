import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textContainment, textSimilarity } from '../../../shared/domain/similarity';
import { SIMILAR_TEXT_THRESHOLD } from '../../../main/services/cases/duplicates.service';

describe('textSimilarity', () => {
  it('finds the same Chinese complaint despite punctuation and spacing', () => {
    const a = '信用卡年费未经告知被扣收，要求退还。';
    const b = '信用卡 年费 未经告知 被扣收 要求退还';
    expect(textSimilarity(a, b)).toBe(1);
  });

  it('ranks a reworded duplicate above an unrelated complaint', () => {
    const original = '我的信用卡被收取了年费，办卡时工作人员说免年费，要求退还年费';
    const reworded = '办卡时说免年费，现在信用卡却被收取年费，请退还';
    const unrelated = '柜台排队时间过长，大堂经理态度恶劣';
    const similar = textSimilarity(original, reworded);
    expect(similar).toBeGreaterThan(0.1);
    expect(textSimilarity(original, unrelated)).toBe(0);
    expect(similar).toBeGreaterThan(textSimilarity(original, unrelated));
  });

  it('scores a reworded Chinese duplicate above the duplicate threshold', () => {
    const reworded = textSimilarity(
      '信用卡年费被扣收，未经本人同意，要求退还',
      '信用卡年费未经同意被扣收，要求退还',
    );
    expect(reworded).toBeGreaterThan(SIMILAR_TEXT_THRESHOLD);
    expect(textSimilarity('贷款提前还款被收取违约金', '信用卡分期手续费过高')).toBeLessThan(
      SIMILAR_TEXT_THRESHOLD,
    );
  });

  it('works on English, is case-insensitive, and handles empty and short texts', () => {
    expect(textSimilarity('Card FEE refund', 'card fee refund!')).toBe(1);
    expect(textSimilarity('', '信用卡')).toBe(0);
    expect(textSimilarity('卡', '卡')).toBe(1);
  });

  it('measures containment of a short request in a long case text', () => {
    const request = '信用卡年费未经告知被扣收';
    const caseText = `${request}。客户称办卡时营销人员承诺终身免年费，今年却被扣收年费三百元，多次致电客服未果。`;
    expect(textContainment(request, caseText)).toBe(1);
    expect(textSimilarity(request, caseText)).toBeLessThan(0.5);
    expect(textContainment('柜台排队时间过长', caseText)).toBe(0);
  });

  it('is symmetric and within 0..1', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const s = textSimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(textSimilarity(b, a)).toBe(s);
      }),
    );
  });
});
