import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../hq/db/embedded';
import { openHqDb } from '../../hq/db/open';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where a test file asks for the run's PostgreSQL server (test/helpers/hq-postgres.ts). */
    postgresBroker: string;
  }
}

/** The broker's answer: the server's URL, and a database HQ's migrations ran on once, to copy. */
export interface SharedPostgres {
  url: string;
  hqTemplate: string;
}

/** A database on the server at `url`. */
export function databaseUrl(url: string, name: string): string {
  const at = new URL(url);
  at.pathname = `/${name}`;
  return at.toString();
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
    const running = await startEmbeddedPostgres(dir, {
      quiet: true,
      flags: ['max_connections=300', 'autovacuum=off'],
    });
    // HQ's migrations run once here, by HQ's own code; each test HQ's database is a copy of this
    // one (CREATE DATABASE … TEMPLATE, ~0.1 s), where running them again took 0.2–0.4 s each.
    // HQ still runs its migrator at start, which finds them all applied.
    try {
      await onServer(running.url, [`CREATE DATABASE ${HQ_TEMPLATE}`]);
      const template = await openHqDb(databaseUrl(running.url, HQ_TEMPLATE), 1);
      await template.$client.end();
    } catch (error) {
      await running.stop();
      throw error;
    }
    return running;
  };
  const broker = http.createServer((_request, response) => {
    server ??= start();
    server.then(
      (running) => response.end(JSON.stringify({ url: running.url, hqTemplate: HQ_TEMPLATE })),
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

const HQ_TEMPLATE = 'hq_template';

/** Runs statements one after another on their own connection to `url` (CREATE/DROP DATABASE). */
export async function onServer(url: string, statements: readonly string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}
