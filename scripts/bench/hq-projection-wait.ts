import pg from 'pg';

/**
 * Waits until HQ's background projector (hq/ingest/case-projector.ts) has projected every stored
 * event, polling PostgreSQL directly (an HQ without `projection_cursors` projects in the push:
 * nothing to wait for). The benches count the time and CPU up to here, so work deferred past the
 * receipts is never left out of the figures.
 */
export async function waitUntilProjected(url: string, timeoutMs = 600_000): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const table = await client.query<{ t: string | null }>(`SELECT to_regclass('projection_cursors') AS t`);
    if (table.rows[0]?.t === null) return;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const behind = await client.query(`SELECT 1 FROM (SELECT DISTINCT branch_code FROM installations) b
        LEFT JOIN projection_cursors c ON c.branch_code = b.branch_code
        WHERE EXISTS (SELECT 1 FROM events e WHERE e.branch_code = b.branch_code
          AND e.ingest_id > coalesce(c.projected_ingest_id, 0)) LIMIT 1`);
      if (behind.rowCount === 0) return;
      if (Date.now() > deadline) throw new Error('projection did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await client.end();
  }
}
