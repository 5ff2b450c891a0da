import fs from 'node:fs';
import path from 'node:path';
import { TOKEN_META_NAME } from '../../shared/ipc/bridge';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * The file under `rootDir` that a URL path names, or null. The resolved path must stay inside
 * `rootDir` (no `..` escapes, no absolute paths). Paths without an extension are the single-page
 * app's routes and get index.html.
 */
export function readStaticFile(rootDir: string, urlPath: string, token: string): StaticFile | null {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    return null;
  }
  if (relative === '' || path.extname(relative) === '') relative = 'index.html';
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
  const extension = path.extname(file).toLowerCase();
  const contentType = CONTENT_TYPES[extension] ?? 'application/octet-stream';
  const body = fs.readFileSync(file);
  if (extension !== '.html') return { body, contentType };
  return { body: Buffer.from(injectToken(body.toString('utf8'), token), 'utf8'), contentType };
}

/** Puts the per-run token in the page as a meta tag; the renderer's api.ts reads it. */
export function injectToken(html: string, token: string): string {
  const tag = `<meta name="${TOKEN_META_NAME}" content="${token}" />`;
  return /<head[^>]*>/i.test(html)
    ? html.replace(/<head[^>]*>/i, (head) => `${head}\n    ${tag}`)
    : `${tag}\n${html}`;
}
