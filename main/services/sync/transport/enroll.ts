import os from 'node:os';
import type { ArchiveDb } from '../../../../db/open';
import { getArchiveInfo } from '../../../../db/repos/meta.repo';
import { newEncryptionKeyPair, newSigningKeyPair, signed } from '../../../../shared/sync/sync-crypto';
import { SyncError } from '../../../../shared/sync/sync-error';
import { isHqUrl, normaliseEnrollmentCode } from '../../../../shared/sync/hq-address';
import type { EnrollmentCodeResponse } from '../../../../shared/sync/protocol';
import { hqClient } from './hq-client';
import { normaliseFingerprint } from './pinned-https';
import { readEnrollment, updateProgress, writeEnrollment, type EnrollmentState } from './sync-state';

export interface EnrollInput {
  url: string;
  code: string;
  fingerprint: string;
  restore: boolean;
  hostname?: string;
}

/**
 * `redress sync enroll URL --code CODE --fingerprint FP`: a fresh Ed25519 (signing) and X25519
 * (bundle) identity for this installation, registered at HQ with the one-time code. Nothing is
 * stored unless HQ accepts and names this archive's own branch.
 */
export async function enrollInstallation(db: ArchiveDb, input: EnrollInput): Promise<EnrollmentState> {
  if (readEnrollment(db)) throw new SyncError('ALREADY_ENROLLED', 'this archive is already enrolled');
  if (!isHqUrl(input.url)) throw new SyncError('BAD_HQ_URL', 'not an https:// address');
  // Checked here, not only on the form: a typo is refused before the code travels to HQ.
  const code = normaliseEnrollmentCode(input.code);
  if (code === null) throw new SyncError('CODE_INVALID', 'not an enrollment code');
  const info = getArchiveInfo(db);
  const signing = await newSigningKeyPair();
  const encryption = await newEncryptionKeyPair();
  const request = await signed(signing.privateKey, 'enroll', {
    code: code as EnrollmentCodeResponse['code'],
    installationId: info.installationId,
    signingKey: signing.publicKey,
    encryptionKey: encryption.publicKey,
    hostname: (input.hostname ?? os.hostname()).slice(0, 200),
    restore: input.restore,
    branchCode: info.branchCode,
    terminalCode: info.terminalCode,
  });
  const endpoint = { url: input.url.trim(), fingerprint: normaliseFingerprint(input.fingerprint) };
  const response = await hqClient(endpoint).enroll(request);
  if (response.branchCode !== info.branchCode || response.installationId !== info.installationId) {
    throw new SyncError(
      'WRONG_BRANCH',
      `HQ enrolled this PC for ${response.branchCode}, the archive is ${info.branchCode}`,
    );
  }
  const state: EnrollmentState = {
    url: endpoint.url,
    fingerprint: endpoint.fingerprint,
    hqId: response.hqId,
    hqSigningKey: response.hqSigningKey,
    hqEncryptionKey: response.hqEncryptionKey,
    branchCode: response.branchCode,
    enrolledAt: response.enrolledAt,
    signing,
    encryption,
    ...(response.otherPcs === undefined ? {} : { otherPcs: response.otherPcs }),
  };
  db.transaction(() => {
    writeEnrollment(db, state);
    updateProgress(db, { ackedSeq: 0, cursor: '0', referenceVersion: 0, lastSyncAt: null, lastError: null });
  });
  return state;
}

export function requireEnrollment(db: ArchiveDb): EnrollmentState {
  const state = readEnrollment(db);
  if (!state) throw new SyncError('UNKNOWN_INSTALLATION', 'not enrolled: run sync enroll first');
  return state;
}
