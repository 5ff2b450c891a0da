import path from 'node:path';
import { createArchive } from '../../main/services/archive/archive.service';
import type { ArchiveSession } from '../../main/services/archive/session';
import { openSession } from '../../main/services/auth/auth.service';
import type { Clock } from '../../main/services/context';
import { tempDir } from './archive-test-utils';

export * from './archive-test-utils';

/** Real encrypted archives in temp folders, for the archive, auth, users and backup tests. */

export const ADMIN = { username: 'admin', displayName: '王管理', password: 'correct horse 1' };
export const fixedClock: Clock = { now: () => Date.UTC(2026, 10, 23, 2, 0, 0), timeZone: 'Asia/Shanghai' };

export interface Fixture {
  dir: string;
  file: string;
  recoveryKey: string;
}

export async function newArchive(label: string): Promise<Fixture> {
  const dir = tempDir(label);
  const file = path.join(dir, 'branch.redress');
  const { recoveryKey } = await createArchive({
    file,
    branch: { code: 'BJ01', name: '北京分行营业部' },
    terminalCode: 'T1',
    admin: ADMIN,
    clock: fixedClock,
  });
  return { dir, file, recoveryKey };
}

/** Sessions opened by a test, closed after it whatever happened. */
export function sessionTracker() {
  const open: ArchiveSession[] = [];
  return {
    async open(file: string, username: string, password: string): Promise<ArchiveSession> {
      const session = await openSession({ file, username, password, clock: fixedClock });
      open.push(session);
      return session;
    },
    closeAll(): void {
      for (const session of open.splice(0)) session.close();
    },
  };
}
