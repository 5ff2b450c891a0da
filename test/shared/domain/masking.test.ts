import { describe, expect, it } from 'vitest';
import { maskAccount, maskIdNumber, maskPhone } from '../../../shared/domain/masking';

describe('masking personal identifiers', () => {
  it('keeps the first 3 and last 4 of an ID number', () => {
    expect(maskIdNumber('110105199001011234')).toBe('110***********1234');
    expect(maskIdNumber('11010519900101123X')).toBe('110***********123X');
  });

  it('keeps the first 3 and last 4 of a phone, without separators', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
    expect(maskPhone('010-62345678')).toBe('010****5678');
  });

  it('keeps only the last 4 of an account number', () => {
    expect(maskAccount('6222 0212 3456 7890')).toBe('************7890');
  });

  it('hides short values completely and passes null and undefined through', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskPhone('110')).toBe('***');
    expect(maskAccount('123')).toBe('***');
    expect(maskPhone('')).toBe('');
    expect(maskIdNumber(null)).toBeNull();
    expect(maskPhone(undefined)).toBeUndefined();
    expect(maskAccount(null)).toBeNull();
  });

  it('never reveals the middle digits', () => {
    const id = '440301198807154321';
    expect(maskIdNumber(id)).not.toContain('19880715');
    expect(maskIdNumber(id)).toHaveLength(id.length);
  });
});
