import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../hq/db/embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where a test file asks for the run's PostgreSQL server (test/helpers/hq-postgres.ts). */
    postgresBroker: string;
  }
}

/**
 * One real PostgreSQL server for a whole vitest run instead of one per test file: each file that
 * needs one (usePostgres) asks this loopback address in its beforeAll and gets the server's URL, and
 * makes its own databases on it as before. The server is started at the first request, so a run
 * without HQ tests starts none, and stopped after the run. Starting one (initdb, then the server)
 * cost each of the ~45 HQ test files 2–3 s of CPU.
 */
export default async function servePostgres(project: TestProject): Promise<() => Promise<void>> {
  let dir = '';
  let server: Promise<EmbeddedServer> | undefined;
  const start = async (): Promise<EmbeddedServer> => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-pg-shared-'));
    // Two test files at a time, each with HQs and their pools (and hq-cluster's processes). No
    // autovacuum: a server that runs for the whole suite would otherwise analyze a file's tables
    // while it tests, and pull-page-plan needs statistics a large push has outrun, as a per-file
    // server's first minute gave it.
    return startEmbeddedPostgres(dir, { quiet: true, flags: ['max_connections=300', 'autovacuum=off'] });
  };
  const broker = http.createServer((_request, response) => {
    server ??= start();
    server.then(
      (running) => response.end(running.url),
      (error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => broker.listen(0, '127.0.0.1', resolve));
  project.provide('postgresBroker', `http://127.0.0.1:${(broker.address() as AddressInfo).port}/`);
  return async () => {
    broker.close();
    await server?.then(
      (running) => running.stop(),
      () => undefined,
    );
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}
