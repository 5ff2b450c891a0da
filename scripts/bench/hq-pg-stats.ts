import pg from 'pg';

/** BENCH_PG_STATS: reset PostgreSQL's statement figures before a run. */
export async function resetPgStats(url: string): Promise<void> {
  if (!process.env.BENCH_PG_STATS) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await client.query('SELECT pg_stat_statements_reset()');
  } finally {
    await client.end();
  }
}

/** BENCH_PG_STATS: where PostgreSQL's time went, per statement, per event of the run. */
export async function printPgStats(url: string, events: number): Promise<void> {
  if (!process.env.BENCH_PG_STATS) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, string>>(`SELECT calls,
      round((total_exec_time + total_plan_time)::numeric * 1000 / ${events}, 1) AS us_per_event,
      round(wal_bytes::numeric / ${events}) AS wal_bytes_per_event, wal_fpi,
      shared_blks_dirtied + shared_blks_written AS blks, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
      FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 15`);
    console.table(rows);
  } finally {
    await client.end();
  }
}
