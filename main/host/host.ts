import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../shared/errors';
import type { Locale } from '../../shared/i18n/define';
import { serverMessages } from '../../shared/i18n/servers';
import { REQUEST_HEADER } from '../../shared/ipc/bridge';
import type { EventName, EventPayloadOf, IpcResult } from '../../shared/ipc/contract';
import { createAppState, type AppState } from '../app-state';
import type { Clock } from '../services/context';
import type { ScryptParams } from '../services/keyring/primitives';
import { createDispatcher, toErrorPayload, type Dispatch } from '../ipc/handle';
import { SECURITY_HEADERS } from '../ipc/security-headers';
import { createHostAuth, type HostAuth } from './host-auth';
import { MAX_UPLOAD_BYTES, receiveUpload, sendDownload, UploadTooLarge } from './host-files';
import { readStaticFile } from './static-files';

/**
 * The headless host: the same dispatcher as Electron, served over HTTP on 127.0.0.1 so a plain
 * browser (the end-to-end tests, or a developer) drives the real services on a real encrypted file.
 *
 * Who may call it: the server listens on the loopback interface only; the URL printed at start
 * carries a one-time code that the first browser exchanges for an HttpOnly, SameSite=Strict
 * session cookie (host-auth.ts), and every /ipc, /events and /files request needs that cookie;
 * the Host header must name the loopback address, so a page from elsewhere that rebinds its DNS
 * name to 127.0.0.1 cannot call it either. It serves the archive it was started with, and files
 * move through the browser as uploads and downloads (host-files.ts), never as paths.
 */
export const LOOPBACK = '127.0.0.1';
/** Attachments travel as base64 (50 MB → ~67 MB) inside JSON; anything larger is refused unread. */
export const MAX_BODY_BYTES = 72 * 1024 * 1024;

export interface HostOptions {
  archivePath: string;
  port?: number;
  rendererDir: string;
  clock?: Clock;
  logError?: (channel: string, error: unknown) => void;
  /** Tests lower it to prove the limit without sending megabytes. */
  maxBodyBytes?: number;
  maxUploadBytes?: number;
  /** Check responses against the contract (default: unless NODE_ENV=production); the bench turns it off, as the packaged app has it. */
  validateResponses?: boolean;
  /** Tests only (AppStateOptions.firstRunScrypt); host-cli never passes it. */
  firstRunScrypt?: ScryptParams;
}

export interface RunningHost {
  /** The page's address with a one-time code: the first browser to open it is signed in to the host. */
  url: string;
  /** The host's address without a code. */
  origin: string;
  /** Another one-time sign-in URL (a second browser, a script). */
  newSignInUrl(): string;
  /** The host's app state, for tests that need to reach past HTTP (e.g. to trigger the idle lock). */
  app: AppState;
  close(): Promise<void>;
}

interface HostContext {
  auth: HostAuth;
  port: () => number;
  rendererDir: string;
  app: AppState;
  dispatch: Dispatch;
  subscribers: Set<http.ServerResponse>;
  maxBodyBytes: number;
  maxUploadBytes: number;
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

function failure(app: AppState, error: AppError): IpcResult<never> {
  return { ok: false, error: toErrorPayload(error, app.locale) };
}

function isHostHeaderAllowed(request: http.IncomingMessage, port: number): boolean {
  const host = request.headers.host;
  return host === `${LOOPBACK}:${port}` || host === `localhost:${port}`;
}

/**
 * Reads the body up to the limit; resolves null when it is larger. Past the limit the rest is
 * discarded unread into memory, and the connection is closed once the 413 is sent.
 */
function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limit) {
    request.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      request.off('data', onData);
      chunks.length = 0;
      request.resume();
      resolve(null);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

async function handleIpc(
  host: HostContext,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  channel: string,
) {
  if (request.method !== 'POST')
    return sendJson(response, 405, failure(host.app, new AppError('UNKNOWN_CHANNEL', 'POST only')));
  const body = await readBody(request, host.maxBodyBytes);
  if (body === null) {
    response.setHeader('Connection', 'close');
    response.on('finish', () => request.socket.destroy());
    return sendJson(response, 413, failure(host.app, new AppError('VALIDATION', 'request body too large')));
  }
  let payload: unknown;
  try {
    payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    const error = new AppError('VALIDATION', 'malformed JSON', { fields: { _: 'validation.malformedJson' } });
    return sendJson(response, 400, failure(host.app, error));
  }
  sendJson(response, 200, await host.dispatch(channel, payload));
}

function handleEvents(host: HostContext, request: http.IncomingMessage, response: http.ServerResponse) {
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  response.write(': connected\n\n');
  host.subscribers.add(response);
  request.on('close', () => host.subscribers.delete(response));
}

function handleStatic(host: HostContext, url: URL, response: http.ServerResponse) {
  const file = readStaticFile(host.rendererDir, url.pathname);
  if (!file) {
    response.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(serverMessages[host.app.locale].host.notFound);
    return;
  }
  const isPage = file.contentType.startsWith('text/html');
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': file.contentType,
    'Cache-Control': isPage ? 'no-store' : 'no-cache',
  });
  // The page's language is the archive's chosen one, so whatever it shows before its first call
  // answers (loading, a refused session) is in that language (renderer/app/i18n.ts bootLocale).
  response.end(isPage ? withPageLanguage(file.body, host.app.locale) : file.body);
}

function withPageLanguage(page: Buffer, locale: Locale): Buffer {
  return Buffer.from(page.toString('utf8').replace(/<html lang="[^"]*">/, `<html lang="${locale}">`));
}

async function route(host: HostContext, request: http.IncomingMessage, response: http.ServerResponse) {
  if (!isHostHeaderAllowed(request, host.port())) {
    return sendJson(response, 403, failure(host.app, new AppError('FORBIDDEN', 'unexpected Host header')));
  }
  const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
  const isApi =
    ['/ipc/', '/files/'].some((prefix) => url.pathname.startsWith(prefix)) || url.pathname === '/events';
  if (isApi) return routeApi(host, request, response, url);
  if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, { ok: false });
  const cookie = host.auth.isSignedIn(request) ? null : host.auth.exchange(url.searchParams.get('code'));
  if (cookie) {
    // The code is spent; the address bar and history keep the page without it.
    response.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': cookie, Location: url.pathname });
    return response.end();
  }
  handleStatic(host, url, response);
}

async function routeApi(
  host: HostContext,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  url: URL,
) {
  if (!host.auth.isSignedIn(request)) {
    return sendJson(
      response,
      401,
      failure(host.app, new AppError('HOST_SESSION_REQUIRED', 'no session cookie')),
    );
  }
  if (request.method === 'POST' && request.headers[REQUEST_HEADER] !== '1') {
    return sendJson(
      response,
      403,
      failure(host.app, new AppError('HOST_SESSION_REQUIRED', 'no request header')),
    );
  }
  if (url.pathname === '/events') return handleEvents(host, request, response);
  if (url.pathname === '/files/upload') return handleUpload(host, request, response, url);
  if (url.pathname.startsWith('/files/')) return handleDownload(host, response, url);
  let channel: string;
  try {
    channel = decodeURIComponent(url.pathname.slice('/ipc/'.length));
  } catch {
    return sendJson(
      response,
      404,
      failure(host.app, new AppError('UNKNOWN_CHANNEL', 'bad percent-encoding')),
    );
  }
  return handleIpc(host, request, response, channel);
}

async function handleUpload(
  host: HostContext,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  url: URL,
) {
  if (request.method !== 'POST')
    return sendJson(response, 405, failure(host.app, new AppError('UNKNOWN_CHANNEL', 'POST only')));
  try {
    sendJson(response, 200, {
      ok: true,
      data: await receiveUpload(host.app, request, url, host.maxUploadBytes),
    });
  } catch (error) {
    if (!(error instanceof UploadTooLarge)) throw error;
    response.setHeader('Connection', 'close');
    response.on('finish', () => request.socket.destroy());
    sendJson(response, 413, failure(host.app, new AppError('VALIDATION', 'upload too large')));
  }
}

async function handleDownload(host: HostContext, response: http.ServerResponse, url: URL) {
  const handle = url.pathname.slice('/files/'.length);
  try {
    await sendDownload(host.app, handle, response, SECURITY_HEADERS);
  } catch (error) {
    if (response.headersSent) return void response.destroy();
    if (error instanceof AppError) return sendJson(response, 404, failure(host.app, error));
    throw error;
  }
}

function broadcast(subscribers: Set<http.ServerResponse>, event: string, payload: unknown): void {
  const frame = `data: ${JSON.stringify({ event, payload })}\n\n`;
  for (const subscriber of subscribers) subscriber.write(frame);
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const subscribers = new Set<http.ServerResponse>();
  const emit = <E extends EventName>(event: E, payload: EventPayloadOf<E>) =>
    broadcast(subscribers, event, payload);
  const app = createAppState({
    archivePath: options.archivePath,
    clock: options.clock,
    emit,
    shell: 'host',
    firstRunScrypt: options.firstRunScrypt,
  });
  const server = http.createServer();
  const host: HostContext = {
    auth: createHostAuth(),
    port: () => (server.address() as AddressInfo).port,
    rendererDir: options.rendererDir,
    app,
    dispatch: createDispatcher(app, {
      logError: options.logError,
      validateResponses: options.validateResponses,
    }),
    subscribers,
    maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
    maxUploadBytes: options.maxUploadBytes ?? MAX_UPLOAD_BYTES,
  };
  server.on('request', (request, response) => {
    route(host, request, response).catch((error: unknown) => {
      if (options.logError) options.logError('host', error);
      else console.error('[host] request failed:', error);
      if (!response.headersSent) sendJson(response, 500, failure(app, new AppError('INTERNAL')));
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  const origin = `http://${LOOPBACK}:${host.port()}/`;
  const newSignInUrl = () => `${origin}?code=${host.auth.newCode()}`;
  return {
    url: newSignInUrl(),
    origin,
    newSignInUrl,
    app,
    close: () => closeHost(server, subscribers, app),
  };
}

async function closeHost(
  server: http.Server,
  subscribers: Set<http.ServerResponse>,
  app: AppState,
): Promise<void> {
  for (const subscriber of subscribers) subscriber.end();
  subscribers.clear();
  app.dispose();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
