import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadOrCreateIdentity, type HqIdentity } from '../../../hq/identity';
import {
  closeKeptConnections,
  requestJson,
  TransportError,
} from '../../../main/services/sync/transport/pinned-https';
import { tempDir } from '../../helpers/archive-test-utils';

/**
 * The branch's HTTPS client keeps its pinned TLS connection to HQ for the next request of a sync
 * (main/services/sync/transport/pinned-https.ts). The pin must hold for every connection: a new
 * one that presents another certificate is refused before a byte of the request is sent, and no
 * TLS session is ever resumed (a resumed session carries no certificate to check).
 */
const dirs = [tempDir('pin-a'), tempDir('pin-b')];
let first: HqIdentity;
let second: HqIdentity;
let server: https.Server;
let url: string;
const connections: { resumed: boolean }[] = [];
const requests: string[] = [];
const answer = z.object({ ok: z.literal(true) });

beforeAll(async () => {
  const made = await Promise.all(dirs.map((dir) => loadOrCreateIdentity(dir)));
  [first, second] = [made[0]!.identity, made[1]!.identity];
  server = https.createServer({ key: first.tls.key, cert: first.tls.cert }, (request, response) => {
    requests.push(request.url ?? '');
    // As if HQ went down while it worked on the request: the connection just ends.
    if (request.url?.startsWith('/drop/') && requests.filter((url) => url === request.url).length === 1) {
      request.socket.destroy();
      return;
    }
    request.resume();
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ ok: true }));
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('secureConnection', (socket: TLSSocket) =>
    connections.push({ resumed: socket.isSessionReused() }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  closeKeptConnections();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const post = (path: string, fingerprint: string, idempotent = false) =>
  requestJson({ url, fingerprint }, path, answer, { body: '{}', idempotent });

describe('pinned HTTPS with kept connections', () => {
  it('sends the requests of a sync over one pinned connection, resuming no TLS session', async () => {
    for (const path of ['/push/1', '/push/2', '/pull/1']) {
      expect(await post(path, first.fingerprint)).toEqual({ ok: true });
    }
    expect(connections).toEqual([{ resumed: false }]);
    // Two at once need a second connection: a full handshake, pinned like the first.
    await Promise.all([post('/push/3', first.fingerprint), post('/push/4', first.fingerprint)]);
    expect(connections).toEqual([{ resumed: false }, { resumed: false }]);
    expect(requests).toEqual(['/push/1', '/push/2', '/pull/1', '/push/3', '/push/4']);
  });

  it('refuses a new connection that presents another certificate, sending it nothing', async () => {
    server.setSecureContext({ key: second.tls.key, cert: second.tls.cert });
    server.closeIdleConnections(); // the kept connections go: the next request needs a new one
    const error = await post('/push/5', first.fingerprint).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('fingerprintMismatch');
    expect((error as TransportError).message).toContain(second.fingerprint);
    expect(requests).not.toContain('/push/5');
    // Pinned to the new certificate, the same address is fine: its own connection.
    expect(await post('/push/6', second.fingerprint)).toEqual({ ok: true });
    expect(requests.at(-1)).toBe('/push/6');
    expect(connections.every((connection) => !connection.resumed)).toBe(true);
  });

  it('sends a request again after a kept connection dropped only when that is harmless', async () => {
    expect(await post('/warm', second.fingerprint)).toEqual({ ok: true }); // a kept connection
    const error = await post('/drop/code', second.fingerprint).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).kind).toBe('unreachable');
    expect(requests.filter((path) => path === '/drop/code')).toHaveLength(1);

    expect(await post('/warm', second.fingerprint)).toEqual({ ok: true });
    expect(await post('/drop/push', second.fingerprint, true)).toEqual({ ok: true });
    expect(requests.filter((path) => path === '/drop/push')).toHaveLength(2);
  });
});
