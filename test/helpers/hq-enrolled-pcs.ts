import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { enrollInstallation } from '../../main/services/sync/transport/enroll';
import { createArchiveFixture, type ArchiveFixture } from './archive-fixture';
import { startTestHq, usePostgres, type TestHq } from './hq-postgres';

/**
 * A real head office (its own embedded PostgreSQL, HTTPS) for one test file, and real branch PCs
 * (encrypted archives in a temp folder) enrolled at it on demand; all closed after the file.
 */
export function useHqWithPcs(label: string) {
  const postgres = usePostgres();
  let hq: TestHq | undefined;
  let dir = '';
  const pcs: ArchiveFixture[] = [];
  beforeAll(async () => {
    hq = await startTestHq(postgres);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `redress-${label}-`));
  }, 120_000);
  afterAll(async () => {
    for (const pc of pcs) pc.close();
    await hq?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  const started = (): TestHq => {
    if (!hq) throw new Error('HQ is started in beforeAll');
    return hq;
  };
  /** A new PC of `branchCode` (BJ01) enrolled at HQ (with a restore code when `restore`). */
  async function enrolledPc(name: string, restore: boolean, branchCode = 'BJ01'): Promise<ArchiveFixture> {
    const pc = createArchiveFixture({ file: path.join(dir, `${name}.redress`), branchCode });
    pcs.push(pc);
    const { code, fingerprint } = await started().admin.createEnrollmentCode(branchCode, restore);
    await enrollInstallation(pc.db, { url: started().url, code, fingerprint, restore });
    return pc;
  }
  return { pcs, hq: started, enrolledPc };
}
