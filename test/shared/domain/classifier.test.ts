import { describe, expect, it } from 'vitest';
import { suggestLabels, tokenize, topKAccuracy, trainNaiveBayes } from '../../../shared/domain/classifier';

const docs = [
  { text: '信用卡年费未经同意被扣收', label: 'B03|C05' },
  { text: '信用卡年费扣收没有告知', label: 'B03|C05' },
  { text: 'ATM吞卡后未及时退还', label: 'B03|C02' },
  { text: '自助设备吞卡，网点迟迟不退', label: 'B03|C02' },
  { text: '柜员态度恶劣，排队时间长', label: 'B01|C01' },
  { text: 'Loan modification and foreclosure', label: 'B02|C03' },
];

describe('naive Bayes over character bigrams', () => {
  it('tokenizes Chinese into bigrams and Latin into words', () => {
    expect(tokenize('年费扣收')).toEqual(['年费', '费扣', '扣收']);
    expect(tokenize('Loan, modification')).toEqual(['w:loan', 'w:modification']);
  });

  it('ranks the matching pair first, with shares that sum to at most 1', () => {
    const model = trainNaiveBayes(docs);
    const top = suggestLabels(model, '客户投诉信用卡年费被扣', 3);
    expect(top[0]?.label).toBe('B03|C05');
    expect(top).toHaveLength(3);
    expect(top[0]!.share).toBeGreaterThan(top[1]!.share);
    expect(top.reduce((s, x) => s + x.share, 0)).toBeLessThanOrEqual(1 + 1e-9);
    expect(suggestLabels(model, 'ATM 吞卡', 1)[0]?.label).toBe('B03|C02');
    expect(suggestLabels(model, 'foreclosure of my loan', 1)[0]?.label).toBe('B02|C03');
  });

  it('measures top-k accuracy and suggests nothing without training', () => {
    const model = trainNaiveBayes(docs);
    expect(topKAccuracy(model, [{ text: '吞卡', label: 'B03|C02' }], 1)).toBe(1);
    expect(topKAccuracy(model, [{ text: '吞卡', label: 'B01|C01' }], 1)).toBe(0);
    expect(suggestLabels(trainNaiveBayes([]), '任何内容')).toEqual([]);
  });
});
