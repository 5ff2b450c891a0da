import { describe, expect, it } from 'vitest';
import jrt from '../../../resources/taxonomy/jrt-0169.json' with { type: 'json' };
import insurance from '../../../resources/taxonomy/insurance.json' with { type: 'json' };
import {
  flattenTaxonomy,
  isWithin,
  isWithinAny,
  nextChildCode,
  taxonomyFileSchema,
} from '../../../shared/domain/taxonomy';

describe('the shipped taxonomy', () => {
  const entries = [
    ...flattenTaxonomy(taxonomyFileSchema.parse(jrt)),
    ...flattenTaxonomy(taxonomyFileSchema.parse(insurance)),
  ];
  const names = (scheme: string, level: number) =>
    entries.filter((e) => e.scheme === scheme && e.level === level).map((e) => e.nameZh);

  it('has the JR/T 0169 large classes of the three dimensions, each with 其他', () => {
    expect(names('A', 1)).toEqual(['营业现场', '自助机具', '电子渠道', '第三方渠道', '其他']);
    expect(names('B', 1)).toEqual(
      expect.arrayContaining([
        '人民币储蓄',
        '贷款',
        '银行卡',
        '支付结算',
        '人民币管理',
        '个人金融信息',
        '理财',
        '其他',
      ]),
    );
    expect(names('C', 1)).toEqual(
      expect.arrayContaining([
        '服务态度及质量',
        '设施设备系统',
        '制度规则流程',
        '营销方式',
        '信息披露',
        '产品收益',
        '自主选择权',
        '合同条款',
        '资金安全',
        '信息安全',
      ]),
    );
    for (const scheme of ['A', 'B', 'C'])
      expect(entries.find((e) => e.scheme === scheme && e.nameZh === '其他' && e.level === 1)?.code).toBe(
        `${scheme}99`,
      );
  });

  it('has the medium classes the branches use', () => {
    const under = (code: string) => entries.filter((e) => e.parentCode === code).map((e) => e.nameZh);
    expect(under('A03')).toEqual(['网上银行', '电话银行', '移动客户端', '网络公众平台', '短信', '其他']);
    expect(under('B02')).toEqual(expect.arrayContaining(['个人住房贷款', '个人消费贷款', '个人经营贷款']));
    expect(under('B03')).toEqual(['借记卡', '信用卡', '其他']);
    expect(under('L02')).toEqual(['车险', '非车险']);
    expect(names('INS', 1)).toEqual([
      '销售纠纷',
      '理赔纠纷',
      '退保纠纷',
      '保全纠纷',
      '服务质量',
      '合同条款',
      '其他',
    ]);
  });

  it('gives every code an English name and a code under its parent', () => {
    for (const e of entries) {
      expect(e.nameEn.length, e.code).toBeGreaterThan(0);
      if (e.parentCode) expect(isWithin(e.code, e.parentCode), e.code).toBe(true);
    }
  });

  it('refuses a file whose child code does not extend its parent, or repeats a code', () => {
    const bad = {
      source: 'x',
      schemes: {
        A: [
          {
            code: 'A01',
            nameZh: '甲',
            nameEn: 'a',
            children: [{ code: 'A0201', nameZh: '乙', nameEn: 'b' }],
          },
        ],
      },
    };
    expect(taxonomyFileSchema.safeParse(bad).success).toBe(false);
    const twice = {
      source: 'x',
      schemes: {
        A: [
          { code: 'A01', nameZh: '甲', nameEn: 'a' },
          { code: 'A01', nameZh: '乙', nameEn: 'b' },
        ],
      },
    };
    expect(taxonomyFileSchema.safeParse(twice).success).toBe(false);
  });
});

describe('taxonomy codes', () => {
  it('matches a class and everything below it', () => {
    expect(isWithin('B0201', 'B02')).toBe(true);
    expect(isWithin('B02', 'B02')).toBe(true);
    expect(isWithin('B0301', 'B02')).toBe(false);
    expect(isWithinAny('C0901', ['C01', 'C09'])).toBe(true);
    expect(isWithinAny('C0901', [])).toBe(false);
  });

  it('numbers a new child with the next free suffix, never 99', () => {
    expect(nextChildCode('B03', ['B0301', 'B0302', 'B0399'])).toBe('B0303');
    expect(nextChildCode('B03', ['B0302'])).toBe('B0301');
    const full = Array.from({ length: 98 }, (_, i) => `B03${String(i + 1).padStart(2, '0')}`);
    expect(nextChildCode('B03', full)).toBeNull();
  });
});
