import crypto from 'node:crypto';
import os from 'node:os';
import { canonicalJson } from '../../shared/canonical-json';
import { GENESIS_HASH } from '../../shared/sync/event-chain';
import { hashEvent } from '../../db/repos/history.repo';
import type { EnrollResponse, PushBatch, SyncEvent } from '../../shared/sync/protocol';
import {
  newEncryptionKeyPair,
  newSigningKeyPair,
  signed,
  type SyncKeyPair,
} from '../../shared/sync/sync-crypto';
import { hqClient } from '../../main/services/sync/transport/hq-client';
import type { TestHq } from './hq-postgres';

/**
 * A branch installation as HQ sees it, without an archive: keys, an enrollment, and hash-chained
 * events built by the protocol's own definition. For HQ's checks; the archive-backed path is in
 * test/services/sync/.
 */
export interface FakeInstallation {
  id: string;
  signing: SyncKeyPair;
  encryption: SyncKeyPair;
  enrollment: EnrollResponse;
  head: { seq: number; hash: string };
}

/** Enrolls fresh keys with `code` at `hq` (the code is not made here: tests of refused codes pass theirs). */
export async function enrollWithCode(
  hq: Pick<TestHq, 'endpoint'>,
  code: string,
  options: { restore?: boolean; branchCode?: string; terminalCode?: string } = {},
) {
  const signing = await newSigningKeyPair();
  const encryption = await newEncryptionKeyPair();
  const id = crypto.randomUUID();
  const request = await signed(signing.privateKey, 'enroll', {
    code,
    installationId: id,
    signingKey: signing.publicKey,
    encryptionKey: encryption.publicKey,
    hostname: os.hostname(),
    restore: options.restore ?? false,
    ...(options.branchCode ? { branchCode: options.branchCode } : {}),
    ...(options.terminalCode ? { terminalCode: options.terminalCode } : {}),
  });
  return { id, signing, encryption, enrollment: await hqClient(hq.endpoint).enroll(request) };
}

export async function enrollFake(
  hq: Pick<TestHq, 'admin' | 'endpoint'>,
  branchCode: string,
  options: { restore?: boolean } = {},
) {
  const { code } = await hq.admin.createEnrollmentCode(branchCode, options.restore ?? false);
  const { id, signing, encryption, enrollment } = await enrollWithCode(hq, code, options);
  const installation: FakeInstallation = {
    id,
    signing,
    encryption,
    enrollment,
    head: { seq: 0, hash: GENESIS_HASH },
  };
  return installation;
}

export function hashOf(event: Omit<SyncEvent, 'hash'>): string {
  return hashEvent(event);
}

/** `count` events continuing the installation's chain (advances `head`). */
export function nextEvents(
  installation: FakeInstallation,
  count: number,
  make: (seq: number) => { id?: string; caseId: string | null; type: string; payload: unknown } = () => ({
    caseId: null,
    type: 'audit.test',
    payload: { n: 1 },
  }),
): SyncEvent[] {
  const out: SyncEvent[] = [];
  for (let i = 0; i < count; i++) {
    const seq = installation.head.seq + 1;
    const made = make(seq);
    const body = {
      id: made.id ?? crypto.randomUUID(),
      installationId: installation.id,
      seq,
      caseId: made.caseId,
      type: made.type,
      actorUserId: 'u1',
      at: 1_790_000_000_000 + seq,
      payload: canonicalJson(made.payload),
      prevHash: installation.head.hash,
      hlc: `${String(1_790_000_000_000 + seq).padStart(15, '0')}:00000`,
    };
    const event = { ...body, hash: hashOf(body) };
    installation.head = { seq, hash: event.hash };
    out.push(event);
  }
  return out;
}

export function batchOf(
  installation: FakeInstallation,
  events: SyncEvent[],
  overrides: Partial<PushBatch['body']> = {},
) {
  return signed(installation.signing.privateKey, 'push', {
    hqId: installation.enrollment.hqId,
    installationId: installation.id,
    branchCode: installation.enrollment.branchCode,
    batchId: crypto.randomUUID(),
    sentAt: Date.now(),
    events,
    attachments: [],
    ...overrides,
  });
}

export function pullOf(installation: FakeInstallation, cursor = '0', limit = 5000) {
  return signed(installation.signing.privateKey, 'pull', {
    hqId: installation.enrollment.hqId,
    installationId: installation.id,
    cursor,
    referenceVersion: 0,
    localSeq: installation.head.seq,
    limit,
    sentAt: Date.now(),
  });
}
