import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  caseNumberPrefix,
  formatCaseNumber,
  isValidBranchCode,
  isValidTerminalCode,
  parseCaseNumber,
} from '../../../shared/domain/case-number';

describe('case numbers', () => {
  it('formats branch, terminal, date and a 4-digit sequence', () => {
    expect(
      formatCaseNumber({ branchCode: 'BJ01', terminalCode: 'T2', date: '2026-11-23', sequence: 7 }),
    ).toBe('BJ01-T2-20261123-0007');
    expect(formatCaseNumber('BJ01-T2-20261123', 12)).toBe('BJ01-T2-20261123-0012');
    expect(caseNumberPrefix('SH002', 'T10', '2026-01-05')).toBe('SH002-T10-20260105');
  });

  it('grows past 9999 instead of wrapping', () => {
    expect(
      formatCaseNumber({ branchCode: 'BJ01', terminalCode: 'T2', date: '2026-11-23', sequence: 10_000 }),
    ).toBe('BJ01-T2-20261123-10000');
  });

  it('refuses invalid parts', () => {
    expect(() => caseNumberPrefix('bj01', 'T2', '2026-11-23')).toThrow();
    expect(() => caseNumberPrefix('BJ01', '2', '2026-11-23')).toThrow();
    expect(() => formatCaseNumber('BJ01-T2-20261123', 0)).toThrow();
    expect(isValidBranchCode('B')).toBe(false);
    expect(isValidBranchCode('BRANCH001')).toBe(false);
    expect(isValidTerminalCode('T1000')).toBe(false);
    expect(isValidTerminalCode('T007')).toBe(true);
  });

  it('parses what it formats, and nothing else', () => {
    const parts = fc.record({
      branchCode: fc.stringMatching(/^[A-Z0-9]{2,8}$/),
      terminalCode: fc.stringMatching(/^T[0-9]{1,3}$/),
      date: fc
        .integer({ min: 0, max: 20_000 })
        .map((n) => new Date(Date.UTC(2000, 0, 1 + n)).toISOString().slice(0, 10)),
      sequence: fc.integer({ min: 1, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(parts, (p) => {
        expect(parseCaseNumber(formatCaseNumber(p))).toEqual(p);
      }),
    );
    expect(parseCaseNumber('BJ01-T2-20261123-007')).toBeNull();
    expect(parseCaseNumber('BJ01-2-20261123-0007')).toBeNull();
    expect(parseCaseNumber('hello')).toBeNull();
  });
});
