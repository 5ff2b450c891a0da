import type { ImportMappingInput } from '../../../shared/domain/import';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CFPB_SAMPLE = path.resolve(HERE, '../../fixtures/cfpb-sample-2013.csv');

interface TaxonomyNode {
  code: string;
  nameZh: string;
  nameEn: string;
  children?: TaxonomyNode[];
}

/** An encrypted archive carrying the shipped JR/T 0169 taxonomy, as a real branch archive would. */
export function createImportFixture(): ArchiveFixture & { dir: string } {
  const fixture = createArchiveFixture();
  const file = path.resolve(HERE, '../../../resources/taxonomy/jrt-0169.json');
  const taxonomy = JSON.parse(fs.readFileSync(file, 'utf8')) as { schemes: Record<string, TaxonomyNode[]> };
  const client = fixture.db.$client;
  const insert = client.prepare(
    `INSERT INTO taxonomy_codes (scheme, code, parent_code, level, name_zh, name_en, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  client.transaction(() => {
    client.prepare('DELETE FROM taxonomy_codes').run();
    let order = 0;
    const walk = (scheme: string, nodes: TaxonomyNode[], parent: string | null, level: number): void => {
      for (const node of nodes) {
        insert.run(scheme, node.code, parent, level, node.nameZh, node.nameEn, order++);
        walk(scheme, node.children ?? [], node.code, level + 1);
      }
    };
    for (const [scheme, nodes] of Object.entries(taxonomy.schemes)) walk(scheme, nodes, null, 1);
  })();
  return { ...fixture, dir: path.dirname(fixture.file) };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'redress-import-'));
}

/** Copies the CFPB sample into a temp dir (imports write `<file>.rejected.csv` beside it). */
export function copySample(dir: string, name = 'cfpb.csv'): string {
  const target = path.join(dir, name);
  fs.copyFileSync(CFPB_SAMPLE, target);
  return target;
}

/** A branch ledger: Chinese headers, codes given directly. */
export const LEDGER: ImportMappingInput = {
  source: 'ledger',
  columns: [
    { column: '编号', field: 'externalId' },
    { column: '投诉人', field: 'complainant.name' },
    { column: '受理日期', field: 'receivedAt' },
    { column: '诉求', field: 'request' },
    { column: '渠道', field: 'channelCode' },
    { column: '业务', field: 'businessCode' },
    { column: '原因', field: 'causeCode' },
  ],
};
export const HEADER = '编号,投诉人,受理日期,诉求,渠道,业务,原因\n';
/** One ledger line (with its newline). */
export const row = (id: number, date = '2024-03-01', name = '张三') =>
  `L${id},${name},${date},要求退还年费,A0101,B0302,C0101\n`;
