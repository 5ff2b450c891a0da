import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { hqClient } from '../../main/services/sync/transport/hq-client';
import { requestJson } from '../../main/services/sync/transport/pinned-https';
import { SyncError } from '../../shared/sync/sync-error';
import { addHqUserWithOwnPassword, HQ_ADMIN_PASSWORD, useTestHq } from '../helpers/hq-postgres';
import { batchOf, enrollFake, nextEvents } from '../helpers/sync-fixtures';
import { pageRequest, sessionCookieOf, signInForm } from './server/page-client';

/** Head office's roles: identifiers masked for analysts, enforced in HQ's service; the admin's status page. */
const setup = useTestHq();
const casesSchema = z.object({
  cases: z.array(z.object({ caseNo: z.string().nullable(), data: z.record(z.string(), z.unknown()) })),
});

beforeAll(async () => {
  await addHqUserWithOwnPassword(setup.hq, 'analyst', 'hq_analyst');
  await addHqUserWithOwnPassword(setup.hq, 'protector', 'hq_consumer_protection');
  const branch = await enrollFake(setup.hq, 'BJ01');
  const caseId = crypto.randomUUID();
  const columns = {
    id: caseId,
    caseNo: 'BJ01-T1-20261201-0001',
    branchCode: 'BJ01',
    status: 'registered',
    receivedDate: '2026-12-01',
    complainantIdNumber: '11010519491231002X',
    complainantPhone: '13800138000',
  };
  await hqClient(setup.hq.endpoint).push(
    await batchOf(
      branch,
      nextEvents(branch, 1, () => ({ caseId, type: 'case.registered', payload: { columns } })),
    ),
  );
}, 120_000);

const casesAs = (username: string, password = 'user-password-1') =>
  requestJson(setup.hq.endpoint, '/api/v1/cases?branch=BJ01', casesSchema, {
    method: 'GET',
    basicAuth: { username, password },
  });

describe('HQ roles', () => {
  it('an analyst sees the projected case with ID and phone masked', async () => {
    const { cases } = await casesAs('analyst');
    expect(cases).toHaveLength(1);
    expect(cases[0]!.caseNo).toBe('BJ01-T1-20261201-0001');
    expect(cases[0]!.data).toMatchObject({
      complainantIdNumber: '110***********002X',
      complainantPhone: '138****8000',
    });
  });

  it('the consumer-protection department (pii:view) sees them whole', async () => {
    const { cases } = await casesAs('protector');
    expect(cases[0]!.data).toMatchObject({
      complainantIdNumber: '11010519491231002X',
      complainantPhone: '13800138000',
    });
  });

  it('an analyst may not enroll installations, and a wrong password is refused', async () => {
    const asAnalyst = requestJson(setup.hq.endpoint, '/api/v1/admin/enrollment-codes', z.unknown(), {
      body: JSON.stringify({ branchCode: 'BJ01', restore: false }),
      basicAuth: { username: 'analyst', password: 'user-password-1' },
    });
    expect(((await asAnalyst.catch((e: unknown) => e)) as SyncError).code).toBe('FORBIDDEN');
    expect(((await casesAs('analyst', 'wrong-password').catch((e: unknown) => e)) as SyncError).code).toBe(
      'UNAUTHORIZED',
    );
  });

  it("the status page lists the branch's installation for the signed-in HQ administrator, in Chinese by default", async () => {
    const cookie = sessionCookieOf(
      await pageRequest(setup.hq, 'POST', '/signin', { form: signInForm('hqadmin', HQ_ADMIN_PASSWORD) }),
    );
    const page = await pageRequest(setup.hq, 'GET', '/status', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Redress 总部状态');
    expect(page.body).toContain('BJ01');
    // HTTP Basic opens the API, not the pages: a browser signs in with the form.
    const auth = `Basic ${Buffer.from(`hqadmin:${HQ_ADMIN_PASSWORD}`).toString('base64')}`;
    expect((await pageRequest(setup.hq, 'GET', '/status', { authorization: auth })).status).toBe(303);
  });
});
