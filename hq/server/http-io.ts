import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { SyncError, isSyncError } from '../../shared/sync/sync-error';
import { signedBodyText, type SyncErrorCode } from '../../shared/sync/protocol';

/** Requests larger than this are refused before they are read whole (a bundle may be large). */
export const MAX_BODY_BYTES = 512 * 1024 * 1024;

const STATUS: Record<SyncErrorCode, number> = {
  BAD_REQUEST: 400,
  BAD_SIGNATURE: 401,
  UNAUTHORIZED: 401,
  TOO_MANY_ATTEMPTS: 429,
  REVOKED: 403,
  FORBIDDEN: 403,
  WRONG_HQ: 403,
  WRONG_BRANCH: 403,
  UNKNOWN_INSTALLATION: 404,
  NOT_FOUND: 404,
  USER_EXISTS: 409,
  LAST_ADMIN: 409,
  OWN_ACCOUNT: 403,
  SEQ_GAP: 409,
  CHAIN_FORK: 409,
  CHAIN_BROKEN: 422,
  CODE_INVALID: 403,
  CODE_USED: 409,
  CODE_EXPIRED: 410,
  CODE_CANCELLED: 410,
  PASSWORD_CHANGE_REQUIRED: 403,
  CODE_NOT_FOR_RESTORE: 409,
  CODE_ONLY_FOR_RESTORE: 409,
  BUNDLE_TRUNCATED: 422,
  BUNDLE_INVALID: 422,
  INTERNAL: 500,
  ALREADY_ENROLLED: 409,
  BAD_HQ_URL: 400,
  BUNDLE_FOR_HQ: 400,
  BUNDLE_FOR_BRANCH: 400,
  BUNDLE_OTHER_INSTALLATION: 400,
  CODE_FOR_OTHER_BRANCH: 409,
  TERMINAL_TAKEN: 409,
};

export async function readBody(request: IncomingMessage): Promise<string> {
  return (await readBytes(request)).toString('utf8');
}

async function readBytes(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new SyncError('BAD_REQUEST', 'request too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readJson<T extends z.ZodType>(
  request: IncomingMessage,
  schema: T,
): Promise<z.infer<T>> {
  return parseJson(await readBody(request), schema);
}

/**
 * A signed message, and its body's bytes as received when the sender wrote it in canonical JSON
 * (shared/sync/protocol.ts `signedMessageText`) in valid UTF-8: the signature can then be checked
 * on those bytes, exactly what the parsed message was read from.
 */
export async function readSignedJson<T extends z.ZodType>(
  request: IncomingMessage,
  schema: T,
): Promise<{ message: z.infer<T>; bodyBytes: Uint8Array | null }> {
  const raw = await readBytes(request);
  const text = raw.toString('utf8');
  const message = parseJson(text, schema);
  const bodyText = isUtf8(raw) ? signedBodyText(text) : null;
  if (bodyText === null) return { message, bodyBytes: null };
  // The head `{"body":` and the signature's tail are ASCII: as many bytes as characters.
  const tail = text.length - SIGNED_HEAD.length - bodyText.length;
  return { message, bodyBytes: raw.subarray(SIGNED_HEAD.length, raw.length - tail) };
}

const SIGNED_HEAD = '{"body":';

function parseJson<T extends z.ZodType>(text: string, schema: T): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new SyncError('BAD_REQUEST', 'body is not JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new SyncError('BAD_REQUEST', parsed.error.message.slice(0, 1000));
  return parsed.data;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  sendJsonText(response, status, JSON.stringify(body));
}

/**
 * A body already written out as JSON (a pull page: hq/ingest/pull.service.ts pullPageText), encoded
 * once: `Buffer.byteLength` and then writing the string would walk megabytes of text twice.
 */
export function sendJsonText(response: ServerResponse, status: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': bytes.length,
  });
  response.end(bytes);
}

/** Every refusal has the same shape (protocol.ts syncErrorSchema); unexpected failures are logged once, here. */
export function sendError(response: ServerResponse, error: unknown, context: string): void {
  if (isSyncError(error)) {
    sendJson(response, STATUS[error.code], {
      error: {
        code: error.code,
        detail: error.message,
        ...(error.seq === undefined ? {} : { seq: error.seq }),
      },
    });
    return;
  }
  console.error(`hq: ${context} failed:`, error);
  sendJson(response, 500, { error: { code: 'INTERNAL', detail: 'internal error' } });
}
