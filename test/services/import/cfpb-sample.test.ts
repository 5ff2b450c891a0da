import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listCaseEvents, verifyChains } from '../../../db/repos/history.repo';
import { runImport } from '../../../main/services/import/import.service';
import { copySample, createImportFixture } from './import-fixture';

describe('importing the 1,000-row CFPB sample (2013 format)', () => {
  let fixture: ReturnType<typeof createImportFixture>;
  afterEach(() => fixture.close());

  it('dry-runs clean, imports, re-imports as a no-op and updates exactly the changed rows', async () => {
    fixture = createImportFixture();
    const ctx = fixture.ctx('supervisor');
    const file = copySample(fixture.dir);

    const dry = await runImport(ctx, { file, preset: 'cfpb-2013', options: { isDryRun: true } });
    expect(dry.problems).toEqual([]);
    // The dry run compares with the archive without writing: all 1,000 would be new.
    expect(dry).toMatchObject({
      rowsRead: 1000,
      validRows: 1000,
      rejected: 0,
      imported: 1000,
      updated: 0,
      unchanged: 0,
    });
    expect(fixture.db.$client.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 0 });

    const first = await runImport(ctx, { file, preset: 'cfpb-2013' });
    expect(first).toMatchObject({ rowsRead: 1000, imported: 1000, updated: 0, rejected: 0 });
    const row = fixture.db.$client
      .prepare(`SELECT * FROM cases WHERE external_source = 'cfpb' AND external_id = '511074'`)
      .get() as Record<string, unknown>;
    expect(row).toMatchObject({
      received_date: '2013-08-30',
      complainant_name: 'CFPB消费者 #511074',
      business_code: 'B0201',
      channel_code: 'A04',
      status: 'closed',
      resolution_type: 'explanation',
      is_on_time: 1,
      respondent_unit: 'U.S. Bancorp',
      request_text: 'Loan modification,collection,foreclosure',
      product_name: 'Mortgage / Other mortgage',
    });
    const events = listCaseEvents(fixture.db, String(row.id));
    expect(events.map((e) => e.type)).toEqual(['case.imported']);
    expect(JSON.parse(events[0]!.payload).import).toMatchObject({
      file: 'cfpb.csv',
      sha256: first.sha256,
      row: 2,
    });

    const dryAgain = await runImport(ctx, { file, preset: 'cfpb-2013', options: { isDryRun: true } });
    expect(dryAgain).toMatchObject({ imported: 0, updated: 0, unchanged: 1000 });
    const again = await runImport(ctx, { file, preset: 'cfpb-2013' });
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 1000 });

    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const candidates = lines.flatMap((line, index) =>
      index > 0 && line.includes(',Closed with explanation,') ? [index] : [],
    );
    const picked = [candidates[0]!, candidates[300]!, candidates[candidates.length - 1]!];
    for (const index of picked)
      lines[index] = lines[index]!.replace(',Closed with explanation,', ',Closed with monetary relief,');
    const changed = path.join(fixture.dir, 'cfpb-later.csv');
    fs.writeFileSync(changed, lines.join('\n'));
    const eventsBefore = fixture.db.$client.prepare('SELECT count(*) FROM history_events').pluck().get();
    const dryLater = await runImport(ctx, {
      file: changed,
      preset: 'cfpb-2013',
      options: { isDryRun: true },
    });
    expect(dryLater).toMatchObject({ imported: 0, updated: 3, unchanged: 997 });
    expect(fixture.db.$client.prepare('SELECT count(*) FROM history_events').pluck().get()).toBe(
      eventsBefore,
    );
    const later = await runImport(ctx, { file: changed, preset: 'cfpb-2013' });
    expect(later).toMatchObject({ imported: 0, updated: 3, unchanged: 997 });
    expect(listCaseEvents(fixture.db, String(row.id)).map((e) => e.type)).toEqual([
      'case.imported',
      'case.import_updated',
    ]);
    expect(fixture.db.$client.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1000 });
    expect(verifyChains(fixture.db)).toEqual([]);
  });
});
