import http from 'node:http';
import tls from 'node:tls';
import type { z } from 'zod';
import { syncErrorSchema } from '../../../../shared/sync/protocol';
import { SyncError } from '../../../../shared/sync/sync-error';

/**
 * HTTPS to head office with its certificate pinned by fingerprint (HQ may use a self-signed one).
 * The TLS connection is made and its certificate checked before a single byte of the request is
 * written, then handed to the HTTP client.
 */
export interface HqEndpoint {
  url: string;
  /** SHA-256 fingerprint as printed by HQ; null only for a loopback HQ (an admin on the HQ machine). */
  fingerprint: string | null;
}

/** Failures of the link itself, as opposed to HQ's refusals (SyncError). */
export class TransportError extends Error {
  readonly kind: 'unreachable' | 'fingerprintMismatch' | 'badResponse';
  constructor(kind: TransportError['kind'], detail: string) {
    super(detail);
    this.name = 'TransportError';
    this.kind = kind;
  }
}

export const normaliseFingerprint = (fp: string) => fp.replace(/[^0-9a-fA-F]/g, '').toUpperCase();

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function connectPinned(target: URL, fingerprint: string | null, timeoutMs: number): Promise<tls.TLSSocket> {
  if (fingerprint === null && !LOOPBACK.has(target.hostname)) {
    return Promise.reject(
      new TransportError('fingerprintMismatch', 'a fingerprint is required for a remote HQ'),
    );
  }
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: target.hostname,
      port: Number(target.port || 443),
      servername: LOOPBACK.has(target.hostname) ? undefined : target.hostname,
      // Trust is the pinned fingerprint below, not a certificate authority.
      rejectUnauthorized: false,
    });
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(new TransportError('unreachable', 'TLS handshake timed out')),
    );
    socket.once('error', (error) =>
      reject(error instanceof TransportError ? error : new TransportError('unreachable', error.message)),
    );
    socket.once('secureConnect', () => {
      const actual = socket.getPeerCertificate().fingerprint256 ?? '';
      if (fingerprint !== null && normaliseFingerprint(actual) !== normaliseFingerprint(fingerprint)) {
        socket.destroy();
        reject(new TransportError('fingerprintMismatch', `HQ presented ${actual}`));
        return;
      }
      socket.setTimeout(0);
      resolve(socket);
    });
  });
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: string;
  basicAuth?: { username: string; password: string };
  timeoutMs?: number;
  /** Told once the whole request has been handed to the OS (HQ can work on it from then on). */
  onSent?: () => void;
}

/** One request; resolves to the parsed response, rejects with SyncError (HQ refused) or TransportError. */
export async function requestJson<T extends z.ZodType>(
  endpoint: HqEndpoint,
  path: string,
  schema: T,
  options: RequestOptions = {},
): Promise<z.infer<T>> {
  const target = new URL(path, endpoint.url);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const socket = await connectPinned(target, endpoint.fingerprint, timeoutMs);
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', connection: 'close' };
    if (options.basicAuth) {
      const { username, password } = options.basicAuth;
      headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    const request = http.request(
      {
        method: options.method ?? 'POST',
        path: target.pathname + target.search,
        headers,
        createConnection: () => socket,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', (error) => reject(new TransportError('unreachable', error.message)));
      },
    );
    request.setTimeout(timeoutMs, () =>
      request.destroy(new TransportError('unreachable', 'HQ did not answer in time')),
    );
    request.on('error', (error) =>
      reject(error instanceof TransportError ? error : new TransportError('unreachable', error.message)),
    );
    if (options.onSent) request.once('finish', options.onSent);
    request.end(options.body);
  });
  return parseResponse(status, text, schema);
}

function parseResponse<T extends z.ZodType>(status: number, text: string, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new TransportError('badResponse', `HTTP ${status}, not JSON`);
  }
  if (status !== 200) {
    const refusal = syncErrorSchema.safeParse(raw);
    if (refusal.success)
      throw new SyncError(refusal.data.error.code, refusal.data.error.detail, refusal.data.error.seq);
    throw new TransportError('badResponse', `HTTP ${status}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new TransportError('badResponse', parsed.error.message.slice(0, 300));
  return parsed.data;
}
