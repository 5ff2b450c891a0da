import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/**
 * The PostgreSQL floor of HQ ingest: the rows HQ stored, taken out with COPY TO and put back with
 * `COPY … FROM STDIN` into a table with the same columns, defaults and indexes, in transactions
 * of `batch` rows (as HQ commits one per batch). No client, no checks, no projection: what storing
 * these events costs the database alone. `cpu` is read around the loading only.
 */
export async function copyFloor(
  url: string,
  batch: number,
  cpu: () => number,
): Promise<{ rows: number; seconds: number; cpuSeconds: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const lines = await copyOut(client, 'COPY (SELECT * FROM events ORDER BY ingest_id) TO STDOUT');
    await client.query('CREATE TABLE events_floor (LIKE events INCLUDING ALL)');
    const cpuBefore = cpu();
    const start = performance.now();
    for (let i = 0; i < lines.length; i += batch) {
      await client.query('BEGIN');
      const stream = client.query(copyFrom('COPY events_floor FROM STDIN'));
      stream.end(lines.slice(i, i + batch).join(''));
      await finished(stream);
      await client.query('COMMIT');
    }
    const seconds = (performance.now() - start) / 1000;
    const cpuSeconds = cpu() - cpuBefore;
    await client.query('DROP TABLE events_floor');
    return { rows: lines.length, seconds, cpuSeconds };
  } finally {
    await client.end();
  }
}

/** COPY TO's rows, one string per row with its newline. */
async function copyOut(client: pg.Client, statement: string): Promise<string[]> {
  const stream = client.query(copyTo(statement));
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .split(/(?<=\n)/);
}
