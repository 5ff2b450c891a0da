import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyArchive } from '../../../main/services/archive/verify.service';
import { SignInThrottle } from '../../../main/services/auth/throttle';
import { addUser } from '../../../main/services/auth/users.service';
import { registerCase } from '../../../main/services/cases';
import { printHandoverCertificate } from '../../../main/services/handover/handover-certificate';
import {
  acceptHandover,
  listHandovers,
  proposeHandover,
  refuseHandover,
} from '../../../main/services/handover/handover.service';
import type { ArchiveSession } from '../../../main/services/archive/session';
import {
  ADMIN,
  expectAppError,
  fixedClock,
  newArchive,
  sessionTracker,
  TEST_SCRYPT,
} from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';
import { pdfFonts } from '../../helpers/pdf-fonts';

/**
 * Handover (移交) on a real encrypted archive with real passwords: two different active users sign
 * with their own passwords; a wrong password or the wrong person changes nothing; the heads the
 * record pins are the heads `verify` walks to.
 */
const WANG = { username: 'wang', displayName: '王接收', password: 'wang password 1' };
const LI = { username: 'li', displayName: '李登记', password: 'li password 12' };
const sessions = sessionTracker();
let file = '';
let dir = '';
let admin: ArchiveSession;

/** Everything that proves "nothing changed": the chain heads and the number of events. */
function chainState(session: ArchiveSession) {
  const client = session.db.$client;
  return {
    heads: client.prepare("SELECT key, value FROM meta WHERE key LIKE 'chain_head:%'").all(),
    events: client.prepare('SELECT count(*) AS n FROM history_events').get(),
  };
}

beforeAll(async () => {
  ({ file, dir } = await newArchive('handover', { scrypt: TEST_SCRYPT }));
  admin = await sessions.open(file, ADMIN.username, ADMIN.password);
  await addUser(admin.ctx, { ...WANG, role: 'supervisor', branchCode: 'BJ01' });
  await addUser(admin.ctx, { ...LI, role: 'clerk', branchCode: 'BJ01' });
  registerCase(admin.ctx, registration({ receivedAt: fixedClock.now() - 3_600_000 }));
  registerCase(admin.ctx, registration({ receivedAt: fixedClock.now() - 7_200_000 }));
}, 120_000);

afterAll(() => sessions.closeAll());

describe('handover between two people', () => {
  it('refuses a wrong password, oneself and an unknown recipient, changing nothing', async () => {
    const before = chainState(admin);
    const throttle = new SignInThrottle(fixedClock);
    await expectAppError(
      proposeHandover(admin.ctx, { to: 'wang', password: 'not my password' }, { throttle }),
      'WRONG_PASSWORD',
    );
    expect(throttle.secondsToWait('admin')).toBe(0); // counted, not yet slowed (3 free tries)
    await expectAppError(
      proposeHandover(admin.ctx, { to: 'ADMIN', password: ADMIN.password }),
      'HANDOVER_SAME_PERSON',
    );
    await expect(
      proposeHandover(admin.ctx, { to: 'nobody', password: ADMIN.password }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { to: 'handover.validation.unknownRecipient' },
    });
    expect(chainState(admin)).toEqual(before);
    expect(listHandovers(admin.ctx).items).toEqual([]);
  });

  it('a clerk who is not the custodian may not propose', async () => {
    const li = await sessions.open(file, LI.username, LI.password);
    await expectAppError(proposeHandover(li.ctx, { to: 'wang', password: LI.password }), 'FORBIDDEN');
  });

  it('proposes with the heads verify walks to, and accepts only with the recipient’s own password', async () => {
    const verified = await verifyArchive(admin.ctx);
    expect(verified.ok).toBe(true);
    const proposed = await proposeHandover(admin.ctx, {
      to: 'wang',
      note: '网点撤并',
      password: ADMIN.password,
    });
    expect(proposed.status).toBe('proposed');
    expect(proposed.from.username).toBe('admin');
    expect(proposed.to).toMatchObject({ username: 'wang', displayName: '王接收' });
    expect(proposed.proposal.totalCases).toBe(2);
    expect(proposed.proposal.casesByStatus).toEqual({ registered: 2 });
    expect(proposed.proposal.chainHeads).toEqual(verified.chainHeads);
    expect(proposed.proposal.chainHeads).toHaveLength(1);
    expect(proposed.proposal.recoveryFingerprint).toBe(verified.recoveryFingerprint);
    expect(proposed.proposal.keyFile).toBe('intact');
    expect(proposed.proposal.receipt).toEqual({ status: 'none' });

    await expectAppError(
      proposeHandover(admin.ctx, { to: 'li', password: ADMIN.password }),
      'HANDOVER_PENDING',
    );
    const li = await sessions.open(file, LI.username, LI.password); // its sign-in is an event
    const waiting = chainState(admin);
    // The proposer's password is not the recipient's signature; neither is a wrong one.
    await expectAppError(
      acceptHandover(admin.ctx, { handoverId: proposed.id, password: ADMIN.password }),
      'WRONG_PASSWORD',
    );
    await expectAppError(
      acceptHandover(admin.ctx, { handoverId: proposed.id, password: 'wang password 2' }),
      'WRONG_PASSWORD',
    );
    // A third person's session (a clerk, neither party) cannot take the recipient's signature.
    await expectAppError(
      acceptHandover(li.ctx, { handoverId: proposed.id, password: WANG.password }),
      'HANDOVER_NOT_RECIPIENT',
    );
    expect(chainState(admin)).toEqual(waiting);
    expect(listHandovers(admin.ctx).items[0]?.status).toBe('proposed');

    // Co-signed at the outgoing custodian's desk: the recipient types their own password.
    const beforeAccept = await verifyArchive(admin.ctx);
    const accepted = await acceptHandover(admin.ctx, {
      handoverId: proposed.id.slice(-8),
      note: '已核对',
      password: WANG.password,
    });
    expect(accepted.status).toBe('accepted');
    expect(accepted.decisionNote).toBe('已核对');
    expect(accepted.accepted?.chainHeads).toEqual(beforeAccept.chainHeads);
    expect(accepted.accepted?.chainHeads[0]?.seq).toBeGreaterThan(proposed.proposal.chainHeads[0]!.seq);
    const signed = admin.db.$client
      .prepare("SELECT actor_user_id AS actor FROM history_events WHERE type = 'handover.accepted'")
      .get() as { actor: string };
    expect(signed.actor).toBe(accepted.to.userId);
    expect(listHandovers(admin.ctx).custodian?.username).toBe('wang');
    expect((await verifyArchive(admin.ctx)).ok).toBe(true);
    await expectAppError(
      acceptHandover(admin.ctx, { handoverId: proposed.id, password: WANG.password }),
      'CONFLICT',
    );
  });

  it('the new custodian hands on; the recipient may refuse; the clerk sees only their own', async () => {
    const wang = await sessions.open(file, WANG.username, WANG.password);
    const li = await sessions.open(file, LI.username, LI.password);
    const proposed = await proposeHandover(wang.ctx, { to: 'li', password: WANG.password });
    expect(listHandovers(li.ctx).items.map((h) => h.id)).toEqual([proposed.id]);
    const refused = await refuseHandover(li.ctx, {
      handoverId: proposed.id,
      note: '尚未交接完毕',
      password: LI.password,
    });
    expect(refused.status).toBe('refused');
    expect(refused.accepted).toBeNull();
    expect(listHandovers(admin.ctx).custodian?.username).toBe('wang');
    expect(listHandovers(admin.ctx).items.map((h) => h.status)).toEqual(['refused', 'accepted']);
  });

  it('prints the certificate with its CJK font embedded and the chain head in it', async () => {
    const [, accepted] = listHandovers(admin.ctx).items;
    const out = path.join(dir, '移交清单.pdf');
    const printed = await printHandoverCertificate(admin.ctx, {
      handoverId: accepted!.id,
      locale: 'zh-CN',
      filePath: out,
    });
    const pdf = fs.readFileSync(out);
    expect(printed.bytes).toBe(pdf.length);
    expect(pdfFonts(pdf).names.some((name) => /NotoSansSC/i.test(name))).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('投诉档案移交清单');
    expect(text).toContain('王接收');
    expect(text).toContain(String(accepted!.accepted!.chainHeads[0]!.seq));
    expect(text.replace(/\s/g, '')).toContain(accepted!.accepted!.chainHeads[0]!.hash);
    const recorded = admin.db.$client
      .prepare("SELECT payload FROM history_events WHERE type = 'handover.certificate_printed'")
      .get() as { payload: string };
    expect(JSON.parse(recorded.payload)).toEqual({ handoverId: accepted!.id, sha256: printed.sha256 });
  }, 60_000);
});
