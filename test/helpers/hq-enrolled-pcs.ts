import path from 'node:path';
import { afterAll } from 'vitest';
import { getMeta, setMeta } from '../../db/repos/meta.repo';
import { enrollInstallation } from '../../main/services/sync/transport/enroll';
import { createArchiveFixture, type ArchiveFixture } from './archive-fixture';
import { useTestHqWithDir, type TestHq } from './hq-postgres';

/**
 * A real head office (its own embedded PostgreSQL, HTTPS) for one test file, and real branch PCs
 * (encrypted archives in a temp folder) enrolled at it on demand; all closed after the file.
 */
export function useHqWithPcs(label: string) {
  const setup = useTestHqWithDir(label);
  const pcs: ArchiveFixture[] = [];
  afterAll(() => {
    for (const pc of pcs) pc.close();
  });
  const started = (): TestHq => setup.hq;
  /** A new PC of `branchCode` (BJ01) enrolled at HQ (with a restore code when `restore`), as `hostname` if given. */
  async function enrolledPc(
    name: string,
    restore: boolean,
    branchCode = 'BJ01',
    hostname?: string,
  ): Promise<ArchiveFixture> {
    const pc = createArchiveFixture({ file: path.join(setup.dir, `${name}.redress`), branchCode });
    // Each PC of a branch its own terminal code, as HQ requires of active PCs (T1, T2 … per branch).
    const ofBranch = pcs.filter((other) => getMeta(other.db, 'branch_code') === branchCode).length;
    setMeta(pc.db, 'terminal_code', `T${ofBranch + 1}`);
    pcs.push(pc);
    const { code, fingerprint } = await started().admin.createEnrollmentCode(branchCode, restore);
    await enrollInstallation(pc.db, {
      url: started().url,
      code,
      fingerprint,
      restore,
      ...(hostname ? { hostname } : {}),
    });
    return pc;
  }
  /** New PCs named by branch, enrolled in the order given: `{ BJ01: ['bj1', 'bj2'], SH01: ['sh1'] }`. */
  async function enrolledPcs<N extends string>(
    byBranch: Record<string, readonly N[]>,
    prefix = '',
  ): Promise<Record<N, ArchiveFixture>> {
    const enrolled = {} as Record<N, ArchiveFixture>;
    for (const [branchCode, names] of Object.entries(byBranch)) {
      for (const name of names) enrolled[name] = await enrolledPc(`${prefix}${name}`, false, branchCode);
    }
    return enrolled;
  }
  return { pcs, hq: started, enrolledPc, enrolledPcs };
}
