import { describe, expect, it } from 'vitest';
import { foldRepeatedReads, REPEAT_WINDOW_MS, type AuditRow } from '../../../shared/domain/audit';

const MINUTE = 60_000;
function row(at: number, overrides: Partial<AuditRow> = {}): AuditRow {
  return {
    at,
    userId: 'u1',
    userName: '王管理',
    action: 'case.opened',
    caseId: 'c1',
    caseNo: 'BJ01-T1-20261207-0001',
    installationId: 'i1',
    terminal: 'BJ01-T1',
    detail: '',
    ...overrides,
  };
}

describe('foldRepeatedReads', () => {
  it('folds one user reopening one case within minutes into one line with a count and its span', () => {
    const rows = [row(10 * MINUTE), row(8 * MINUTE), row(5 * MINUTE), row(1 * MINUTE)];
    const lines = foldRepeatedReads(rows);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ count: 4, firstAt: 1 * MINUTE });
    expect(lines[0]?.row.at).toBe(10 * MINUTE);
  });

  it('chains reads each within the window of the previous one, and starts a new line after a gap', () => {
    const gap = REPEAT_WINDOW_MS + 1;
    const lines = foldRepeatedReads([row(gap + 2 * MINUTE), row(gap), row(0)]);
    expect(lines.map((line) => line.count)).toEqual([2, 1]);
  });

  it('keeps apart what differs: user, case, PC, action, attachment, and anything between them', () => {
    const lines = foldRepeatedReads([
      row(9 * MINUTE),
      row(8 * MINUTE, { userId: 'u2' }),
      row(7 * MINUTE, { caseId: 'c2' }),
      row(6 * MINUTE, { installationId: 'i2' }),
      row(5 * MINUTE, { action: 'case.printed' }),
      row(4 * MINUTE, { action: 'attachment.opened', detail: '{"attachmentId":"a1"}' }),
      row(3 * MINUTE, { action: 'attachment.opened', detail: '{"attachmentId":"a2"}' }),
      row(2 * MINUTE),
    ]);
    expect(lines.map((line) => line.count)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('never folds archive events: five failed sign-ins stay five lines', () => {
    const failed = [4, 3, 2, 1, 0].map((m) =>
      row(m * MINUTE, { action: 'auth.sign_in_failed', caseId: null, caseNo: null }),
    );
    expect(foldRepeatedReads(failed)).toHaveLength(5);
  });
});
