import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../main/host/host';
import { CONTENT_SECURITY_POLICY } from '../../main/ipc/security-headers';
import { connectToHost, type HostClient } from '../../main/host/host-client';
import { REQUEST_HEADER } from '../../shared/ipc/bridge';
import { serverMessages } from '../../shared/i18n/servers';
import type { IpcResult } from '../../shared/ipc/contract';

/** The headless host as a browser (or an intruder on the same machine) meets it. */
describe('headless host', () => {
  let host: RunningHost;
  let client: HostClient;
  let dir: string;
  const MAX_BODY = 4096;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-host-'));
    const rendererDir = path.join(dir, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(
      path.join(rendererDir, 'index.html'),
      '<!doctype html><html><head><title>R</title></head><body></body></html>',
    );
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
    host = await startHost({
      archivePath: path.join(dir, 'archive.redress'),
      port: 0,
      rendererDir,
      maxBodyBytes: MAX_BODY,
    });
    client = await connectToHost(host.newSignInUrl());
  });
  afterAll(async () => {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const post = (channel: string, body: string, headers: Record<string, string> = client.headers()) =>
    fetch(`${host.origin}ipc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it('prints a loopback URL and accepts connections on 127.0.0.1 only', async () => {
    const url = new URL(host.url);
    expect(url.hostname).toBe('127.0.0.1');
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    // Containers without a network have only loopback; then there is no other address to try.
    const target = external?.address ?? '127.0.0.2';
    const reached = await new Promise<boolean>((resolve) => {
      const request = http.get({ host: target, port: Number(url.port), path: '/', timeout: 2000 }, () =>
        resolve(true),
      );
      request.on('error', () => resolve(false));
      request.on('timeout', () => {
        request.destroy();
        resolve(false);
      });
    });
    expect(reached).toBe(false);
  });

  it('refuses /ipc without the session cookie, or with a wrong one, in one clear line (401)', async () => {
    const refused = await post('app:get-state', '{}', { [REQUEST_HEADER]: '1' });
    expect(refused.status).toBe(401);
    const body = (await refused.json()) as IpcResult<unknown>;
    expect(body).toMatchObject({ ok: false, error: { code: 'HOST_SESSION_REQUIRED' } });
    expect(body.ok || body.error.message).not.toContain('角色');
    const forged = { cookie: `redress_session=${'x'.repeat(43)}`, [REQUEST_HEADER]: '1' };
    expect((await post('app:get-state', '{}', forged)).status).toBe(401);
    const granted = await post('app:get-state', '{}');
    expect(granted.status).toBe(200);
    const result = (await granted.json()) as IpcResult<{ hasArchive: boolean; shell: string }>;
    expect(result).toMatchObject({ ok: true, data: { hasArchive: false, shell: 'host' } });
  });

  it('refuses a POST without the request header (a cross-site form cannot set it)', async () => {
    expect((await post('app:get-state', '{}', { cookie: client.cookie })).status).toBe(403);
  });

  it('refuses /events and /files without the session cookie', async () => {
    expect((await fetch(`${host.origin}events`)).status).toBe(401);
    expect((await fetch(`${host.origin}files/upload`, { method: 'POST', body: 'x' })).status).toBe(401);
  });

  it('exchanges the one-time code for an HttpOnly, SameSite=Strict cookie, once', async () => {
    const url = host.newSignInUrl();
    const first = await fetch(url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    expect(first.headers.get('set-cookie')).toMatch(
      /^redress_session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/$/,
    );
    const again = await fetch(url, { redirect: 'manual' });
    expect(again.status).toBe(200);
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('serves the renderer with the CSP header and no secret in the page', async () => {
    const response = await fetch(host.origin);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toBe('<!doctype html><html><head><title>R</title></head><body></body></html>');
    expect(html).not.toContain(client.cookie.split('=')[1]);
  });

  it('a bad percent-encoding in a channel name is UNKNOWN_CHANNEL, not a 500', async () => {
    const response = await post('%E0%A4%A', '{}');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('serves only the archive it was started with', async () => {
    const result = await client.invoke('dialog:open-archive', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'HOST_ARCHIVE_FIXED' } });
    expect(await client.invoke('archive:open', { path: path.join(dir, 'other.redress') })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
  });

  it('does not serve files outside the renderer folder', async () => {
    const response = await fetch(`${host.origin}..%2Fsecret.txt`);
    expect(response.status).toBe(404);
    // In the archive's language (zh-CN here), not a fixed English text.
    expect(await response.text()).toBe(serverMessages['zh-CN'].host.notFound);
  });

  it('refuses a request whose Host header is not the loopback address (DNS rebinding)', async () => {
    const url = new URL(host.origin);
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get(
          {
            host: '127.0.0.1',
            port: Number(url.port),
            path: '/',
            headers: { host: `evil.example:${url.port}` },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        )
        .on('error', reject);
    });
    expect(status).toBe(403);
  });

  it('answers POST /ipc/nope with UNKNOWN_CHANNEL', async () => {
    const result = (await (await post('nope', '{}')).json()) as IpcResult<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses a body over the limit with 413, and keeps serving', async () => {
    const response = await post(
      'auth:sign-in',
      JSON.stringify({ username: 'a', password: 'x'.repeat(MAX_BODY * 2) }),
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as IpcResult<unknown>).ok).toBe(false);
    expect((await post('app:get-state', '{}')).status).toBe(200);
  });

  it('answers malformed JSON with VALIDATION, not a crash', async () => {
    const response = await post('auth:sign-in', '{"username": "admin", ');
    expect(response.status).toBe(400);
    const result = (await response.json()) as IpcResult<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(result.ok || result.error.fields?._).toBeTruthy();
    expect((await post('app:get-state', '{}')).status).toBe(200);
  });

  it('streams events to a subscriber with the session cookie', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.origin}events`, {
      headers: { cookie: client.cookie },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    await reader.read(); // the ": connected" comment
    host.app.emit('app:progress', { taskId: 't1', done: 1, total: 2, message: 'half' });
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('"event":"app:progress"');
    controller.abort();
  });
});
