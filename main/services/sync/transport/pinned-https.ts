import http from 'node:http';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { z } from 'zod';
import { syncErrorSchema } from '../../../../shared/sync/protocol';
import { SyncError } from '../../../../shared/sync/sync-error';
import { isLoopbackHost } from '../../../../shared/sync/hq-address';

/**
 * HTTPS to head office with its certificate pinned by fingerprint (HQ may use a self-signed one).
 * Every TLS connection is made and its certificate checked before a single byte of a request is
 * written on it, then kept alive for the next request of a sync (a push per batch, the pull pages):
 * two round trips and HQ's handshake signature less per request. Nothing but a full handshake is
 * ever pinned: no TLS session is offered for resumption (a resumed session carries no certificate
 * to check) and one that was resumed anyway is refused; renegotiation is refused; and the
 * certificate is checked again each time a kept connection is taken for another request.
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

function connectPinned(target: URL, fingerprint: string | null, timeoutMs: number): Promise<tls.TLSSocket> {
  if (fingerprint === null && !isLoopbackHost(target.hostname)) {
    return Promise.reject(
      new TransportError('fingerprintMismatch', 'a fingerprint is required for a remote HQ'),
    );
  }
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: target.hostname,
      port: Number(target.port || 443),
      servername: isLoopbackHost(target.hostname) ? undefined : target.hostname,
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
      const refusal = pinRefusal(socket, fingerprint);
      if (refusal) {
        socket.destroy();
        reject(refusal);
        return;
      }
      socket.disableRenegotiation(); // the certificate checked here stays the connection's
      socket.setTimeout(0);
      resolve(socket);
    });
  });
}

/** Why `socket` is not the pinned HQ (null: it is). A resumed session is never taken as pinned. */
function pinRefusal(socket: tls.TLSSocket, fingerprint: string | null): TransportError | null {
  if (socket.isSessionReused()) return new TransportError('fingerprintMismatch', 'resumed TLS session');
  const actual = socket.getPeerCertificate().fingerprint256 ?? '';
  if (fingerprint !== null && normaliseFingerprint(actual) !== normaliseFingerprint(fingerprint)) {
    return new TransportError('fingerprintMismatch', `HQ presented ${actual}`);
  }
  return null;
}

/** Idle kept connections close after this (well below HQ's keep-alive timeout, 30 s). */
const IDLE_MS = 5_000;

/**
 * Keeps pinned connections to one HQ address and fingerprint for reuse. New connections are
 * pinned before use (`connectPinned`); a kept one is checked again before each reuse. An idle
 * connection never keeps the process alive (the agent unrefs it) and closes after `IDLE_MS`.
 */
class PinnedAgent extends http.Agent {
  constructor(
    private readonly target: URL,
    private readonly fingerprint: string | null,
  ) {
    super({ keepAlive: true, timeout: IDLE_MS });
  }

  override createConnection(
    _options: http.ClientRequestArgs,
    oncreate?: (error: Error | null, socket: Duplex) => void,
  ): undefined {
    connectPinned(this.target, this.fingerprint, CONNECT_TIMEOUT_MS).then(
      (socket) => oncreate?.(null, socket),
      (error: Error) => oncreate?.(error, null as unknown as Duplex),
    );
    return undefined;
  }

  override reuseSocket(socket: Duplex, request: http.ClientRequest): void {
    const refusal = socket instanceof tls.TLSSocket ? pinRefusal(socket, this.fingerprint) : null;
    super.reuseSocket(socket as never, request);
    if (refusal) {
      request.destroy(refusal);
      socket.destroy();
    }
  }
}

const CONNECT_TIMEOUT_MS = 60_000;
const agents = new Map<string, PinnedAgent>();

function agentFor(target: URL, fingerprint: string | null): PinnedAgent {
  const key = `${target.host}|${fingerprint === null ? '' : normaliseFingerprint(fingerprint)}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new PinnedAgent(target, fingerprint);
    agents.set(key, agent);
  }
  return agent;
}

/** Closes every kept connection (tests; a process that must not hold sockets to HQ). */
export function closeKeptConnections(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: string;
  basicAuth?: { username: string; password: string };
  timeoutMs?: number;
  /** Told once the whole request has been handed to the OS (HQ can work on it from then on). */
  onSent?: () => void;
  /**
   * Sending it twice changes nothing (a push: HQ counts duplicates; a pull; any GET): then a
   * request on a kept connection that turns out closed is sent again on a new one. Anything else
   * fails instead, as HQ may have acted on it before the connection went.
   */
  idempotent?: boolean;
}

/** One request; resolves to the parsed response, rejects with SyncError (HQ refused) or TransportError. */
export async function requestJson<T extends z.ZodType>(
  endpoint: HqEndpoint,
  path: string,
  schema: T,
  options: RequestOptions = {},
): Promise<z.infer<T>> {
  const target = new URL(path, endpoint.url);
  if (endpoint.fingerprint === null && !isLoopbackHost(target.hostname)) {
    throw new TransportError('fingerprintMismatch', 'a fingerprint is required for a remote HQ');
  }
  const agent = agentFor(target, endpoint.fingerprint);
  let answer: { status: number; text: string };
  try {
    answer = await exchange(agent, target, options);
  } catch (error) {
    // A kept connection HQ closed (a restart) as the request went out on it: sent again on a new
    // connection when that is harmless.
    if (!(error instanceof KeptConnectionClosed)) throw error;
    if (!options.idempotent && options.method !== 'GET') {
      throw new TransportError('unreachable', 'HQ closed the connection');
    }
    answer = await exchange(agent, target, options);
  }
  return parseResponse(answer.status, answer.text, schema);
}

class KeptConnectionClosed extends Error {}

function exchange(
  agent: http.Agent,
  target: URL,
  options: RequestOptions,
): Promise<{ status: number; text: string }> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.basicAuth) {
      const { username, password } = options.basicAuth;
      headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    const request = http.request(
      { method: options.method ?? 'POST', path: target.pathname + target.search, headers, agent },
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
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (request.reusedSocket && error.code === 'ECONNRESET') reject(new KeptConnectionClosed());
      else reject(error instanceof TransportError ? error : new TransportError('unreachable', error.message));
    });
    if (options.onSent) request.once('finish', options.onSent);
    request.end(options.body);
  });
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
