import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { SyncError } from '../../shared/sync/sync-error';
import { ROUTES, type HqContext } from './routes';
import { sendError } from './http-io';

export interface RunningHq {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** HQ over HTTPS with its own certificate; every route parses its input with the protocol's schemas. */
export async function listenHq(ctx: HqContext, options: { host: string; port: number }): Promise<RunningHq> {
  const server = https.createServer(
    { key: ctx.identity.tls.key, cert: ctx.identity.tls.cert },
    (request, response) => {
      const url = new URL(request.url ?? '/', 'https://hq.invalid');
      const route = ROUTES[`${request.method ?? 'GET'} ${url.pathname}`];
      const work = route
        ? route(ctx, request, response, url)
        : Promise.reject(new SyncError('NOT_FOUND', `${request.method} ${url.pathname}`));
      work.catch((error: unknown) => {
        if (!response.headersSent) sendError(response, error, `${request.method} ${url.pathname}`);
        else response.destroy();
      });
    },
  );
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://${options.host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
