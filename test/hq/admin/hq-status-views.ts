import { expect } from 'vitest';
import { runCli } from '../../cli/cli-helpers';
import { HQ_ADMIN_PASSWORD, type TestHq } from '../../helpers/hq-postgres';
import { pageRequest, sessionCookieOf, signInForm } from '../server/page-client';

/** `redress hq status` against `hq` as its administrator (a real process): its stdout, checked clean. */
export async function hqStatusCli(hq: TestHq, lang: 'en' | 'zh-CN', json = false): Promise<string> {
  const run = await runCli(
    [
      '--lang',
      lang,
      ...(json ? ['--json'] : []),
      'hq',
      'status',
      '--hq',
      hq.url,
      '--fingerprint',
      hq.identity.fingerprint,
    ],
    { env: { REDRESS_HQ_PASSWORD: HQ_ADMIN_PASSWORD } },
  );
  expect(run.stderr, run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

/** HQ's status page as its administrator sees it, signed in over HTTPS. */
export async function statusPage(hq: TestHq, lang: 'en' | 'zh-CN'): Promise<string> {
  const signIn = await pageRequest(hq, 'POST', '/signin', {
    form: signInForm('hqadmin', HQ_ADMIN_PASSWORD, lang),
  });
  const page = await pageRequest(hq, 'GET', lang === 'en' ? '/status?lang=en' : '/status', {
    cookie: sessionCookieOf(signIn),
  });
  expect(page.status).toBe(200);
  return page.body;
}
