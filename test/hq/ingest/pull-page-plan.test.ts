import { describe, expect, it } from 'vitest';
import { hqClient } from '../../../main/services/sync/transport/hq-client';
import { inPageTransaction, PAGE_QUERY } from '../../../hq/ingest/pull-events';
import { useTestHq } from '../../helpers/hq-postgres';
import { batchOf, enrollFake, nextEvents } from '../../helpers/sync-fixtures';

/**
 * A pull page walks the branch's events in ingest order from the cursor and stops after one page,
 * even when a large push has outrun the table's statistics (no ANALYZE has run on this database):
 * never fetching all later events to sort them (hq/ingest/pull-events.ts inPageTransaction).
 */
const setup = useTestHq();

type Plan = { 'Node Type': string; 'Index Name'?: string; Plans?: Plan[] };
const nodes = (plan: Plan): Plan[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

describe('the pull page query', () => {
  it('reads the branch index in order from the cursor, whatever the statistics say', async () => {
    const sender = await enrollFake(setup.hq, 'CQ03');
    const text = '年费争议'.repeat(20);
    for (let batch = 0; batch < 2; batch++) {
      const events = nextEvents(sender, 4000, (seq) => ({
        caseId: null,
        type: 'audit.note',
        payload: { seq, text },
      }));
      await hqClient(setup.hq.endpoint).push(await batchOf(sender, events));
    }
    const puller = await enrollFake(setup.hq, 'CQ03');
    const explain = async (client: { query: typeof setup.hq.db.$client.query }) => {
      const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: Plan }] }>(
        `EXPLAIN (FORMAT JSON) ${PAGE_QUERY}`,
        ['CQ03', 1000, puller.id, 2001],
      );
      return nodes(rows[0]!['QUERY PLAN'][0].Plan);
    };
    // The planner's own choice on these statistics: every later event, then a sort.
    expect((await explain(setup.hq.db.$client)).map((n) => n['Node Type'])).toContain('Sort');
    const plan = await inPageTransaction(setup.hq.db.$client, explain);
    expect(plan.map((n) => n['Node Type'])).not.toContain('Sort');
    expect(plan.map((n) => n['Index Name'])).toContain('events_branch_ingest_idx');
  });
});
