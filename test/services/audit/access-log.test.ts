import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openArchive } from '../../../db/open';
import { flushAccessLog, recordAccess } from '../../../main/services/audit/access-log';
import { listAudit } from '../../../main/services/audit/audit.service';
import { registerCase } from '../../../main/services/cases';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';

/** The access log writes off the request path: never inside recordAccess, and loses nothing on close. */
let fx: ArchiveFixture;
let caseId = '';
beforeEach(() => {
  fx = createArchiveFixture();
  caseId = registerCase(fx.ctx('clerk'), registration()).id;
});
afterEach(() => fx.close());

const stored = () => (fx.db.$client.prepare('SELECT count(*) AS n FROM access_log').get() as { n: number }).n;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function openCase(times: number): void {
  for (let i = 0; i < times; i += 1) recordAccess(fx.ctx('handler'), { action: 'case.opened', caseId });
}

describe('access log flushing', () => {
  it('a full buffer is written right after the request, not inside it', async () => {
    openCase(250);
    // The 200th read filled the buffer; the request that did so still wrote nothing.
    expect(stored()).toBe(0);
    await nextTurn();
    expect(stored()).toBe(250);
  });

  it('the audit screen reads everything recorded so far, at once', () => {
    openCase(3);
    expect(listAudit(fx.ctx('supervisor'), { action: 'case.opened' }).total).toBe(3);
  });

  it('a flush on close writes what waits and cancels the queued write', async () => {
    openCase(230);
    flushAccessLog(fx.db); // what session.close() does
    expect(stored()).toBe(230);
    await nextTurn();
    expect(stored()).toBe(230);
  });

  it('a busy archive keeps the rows and retries later instead of on every request', async () => {
    // A second connection holding the write lock, as an import would.
    const other = openArchive({ file: fx.file, key: fx.key, mode: 'open' });
    fx.db.$client.pragma('busy_timeout = 0');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    other.$client.prepare('BEGIN IMMEDIATE').run();
    try {
      openCase(200);
      await nextTurn();
      expect(stored()).toBe(0);
      expect(warn).toHaveBeenCalledTimes(1);
      openCase(10); // a retry is pending: these reads queue no write of their own
      await nextTurn();
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      other.$client.prepare('ROLLBACK').run();
      other.$client.close();
      warn.mockRestore();
    }
    flushAccessLog(fx.db);
    expect(stored()).toBe(210);
  });
});
