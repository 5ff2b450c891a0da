import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { TestHq } from '../helpers/hq-postgres';
import { CHROMIUM, E2E_WAIT_MS } from './e2e-env';

export interface HqBrowser {
  context: BrowserContext;
  page: Page;
  /** The page's script errors (HQ's pages have no script: any entry is a failure). */
  pageErrors: string[];
  close(): Promise<void>;
}

function spkiHash(certPem: string): string {
  const spki = new crypto.X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(spki).digest('base64');
}

/**
 * Chromium for HQ's own pages, in Chinese. HQ's self-signed certificate is pinned by its public
 * key's hash (--ignore-certificate-errors-spki-list), so Chromium accepts this HQ and no other.
 */
export async function openHqBrowser(hq: TestHq): Promise<HqBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-hq-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    env: { ...process.env, LANGUAGE: 'zh_CN:zh' },
    args: [
      '--lang=zh-CN',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      `--ignore-certificate-errors-spki-list=${spkiHash(hq.identity.tls.cert)}`,
    ],
  });
  context.setDefaultTimeout(E2E_WAIT_MS);
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    context,
    page,
    pageErrors,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
