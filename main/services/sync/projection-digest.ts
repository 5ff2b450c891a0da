import crypto from 'node:crypto';
import type { ArchiveDb } from '../../../db/open';
import { canonicalJson } from '../../../shared/canonical-json';

const WORK_TABLES = ['case_contacts', 'rectification_actions', 'case_referrals'] as const;

/**
 * One digest of what every PC of a branch must agree on after sync: every case row (without this
 * PC's row number, version counter and write time), every open conflict, every case-work row and
 * every evidence file's digest. Two archives with equal digests show the same cases to their users.
 */
export function projectionDigest(db: ArchiveDb): string {
  const hash = crypto.createHash('sha256');
  const client = db.$client;
  for (const row of client.prepare('SELECT * FROM cases ORDER BY id').iterate() as Iterable<
    Record<string, unknown>
  >) {
    const { row_no: _rowNo, version: _version, updated_at: _updatedAt, ...columns } = row;
    hash.update(canonicalJson(columns)).update('\n');
  }
  hash.update('conflicts\n');
  for (const row of client
    .prepare('SELECT case_id, event_id, status_at_event FROM case_conflicts ORDER BY case_id, event_id')
    .iterate() as Iterable<Record<string, unknown>>) {
    hash.update(canonicalJson(row)).update('\n');
  }
  // The case work (contacts, rectification actions, referrals): every column, as the events carry
  // the whole row, so the rows converge as the cases do.
  for (const table of WORK_TABLES) {
    hash.update(`${table}\n`);
    for (const row of client.prepare(`SELECT * FROM ${table} ORDER BY id`).iterate() as Iterable<
      Record<string, unknown>
    >) {
      hash.update(canonicalJson(row)).update('\n');
    }
  }
  hash.update('attachments\n');
  for (const row of client
    .prepare('SELECT id, case_id, sha256 FROM attachments ORDER BY id')
    .iterate() as Iterable<Record<string, unknown>>) {
    hash.update(canonicalJson(row)).update('\n');
  }
  return hash.digest('hex');
}
