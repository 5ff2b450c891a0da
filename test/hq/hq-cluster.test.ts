import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { hqAdminClient, hqClient } from '../../main/services/sync/transport/hq-client';
import { SyncError } from '../../shared/sync/sync-error';
import { usePostgres } from '../helpers/hq-postgres';
import { useHqProcess } from '../helpers/hq-process';
import { batchOf, enrollFake, nextEvents } from '../helpers/sync-fixtures';

/** `npm run hq` with HQ_WORKERS=2 (hq/cluster.ts): two processes on one port, one database. */
const postgres = usePostgres();
const hqProcess = useHqProcess('hq-cluster');

const refusalCode = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof SyncError ? error.code : String(error)),
  );

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(!socket.destroy()));
    socket.once('error', () => resolve(false));
  });

describe('HQ on two worker processes', () => {
  it('ingests from several branches at once, shares the sign-in throttle, and stops with its primary', async () => {
    const hq = await hqProcess.start(await postgres.newDatabaseUrl(), { HQ_WORKERS: '2' });
    const { endpoint, admin } = hq;
    const branches = await Promise.all(['BJ01', 'SH02', 'GZ03'].map((code) => enrollFake(hq, code)));
    const client = hqClient(endpoint);
    const results = await Promise.all(
      branches.map(async (branch) => {
        const first = await client.push(await batchOf(branch, nextEvents(branch, 300)));
        const second = await client.push(await batchOf(branch, nextEvents(branch, 300)));
        return [first.accepted, second.accepted, second.receipt.body.seq];
      }),
    );
    expect(results).toEqual(branches.map(() => [300, 300, 600]));
    const status = await admin.status();
    expect(
      branches.map((b) => status.installations.find((i) => i.installationId === b.id)?.chainHead.seq),
    ).toEqual([600, 600, 600]);

    // Every request opens its own connection, dealt to the workers in turn: three wrong passwords
    // split between two processes must still make the name wait (1 s) in both.
    const guesser = hqAdminClient(endpoint, { username: 'hqadmin', password: 'wrong-password' });
    for (let i = 0; i < 3; i++) expect(await refusalCode(guesser.status())).toBe('UNAUTHORIZED');
    const next = [await refusalCode(admin.status()), await refusalCode(admin.status())];
    expect(next).toEqual(['TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS']);

    // A SIGKILL of HQ leaves no worker serving its port.
    const port = Number(new URL(endpoint.url).port);
    hqProcess.child.kill('SIGKILL');
    let open = true;
    for (let i = 0; i < 50 && open; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      open = await portOpen(port);
    }
    expect(open).toBe(false);
  }, 120_000);
});
