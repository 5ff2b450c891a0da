import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { applyKey, cipherOf, openArchive, rekeyFile, type ArchiveCipher } from '../../db/open';
import { isAppError } from '../../shared/errors';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-cipher-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Whether `file` reads with this cipher and key on a bare connection (no fallback). */
function readsWith(file: string, key: Buffer, cipher: ArchiveCipher): boolean {
  const client = new Database(file, { fileMustExist: true });
  try {
    applyKey(client, key, cipher);
    client.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    client.close();
  }
}

/** An archive as Redress made them before AEGIS: a ChaCha20 file with a table in it. */
function chachaArchive(name: string, key: Buffer): string {
  const file = path.join(dir, name);
  const client = new Database(file);
  applyKey(client, key, 'chacha20');
  client.pragma('journal_mode = WAL');
  client.exec(`CREATE TABLE legacy (note TEXT); INSERT INTO legacy VALUES ('欧阳明珠的投诉')`);
  client.close();
  return file;
}

describe('the archive cipher', () => {
  it('creates new archives with AEGIS-256, which ChaCha20 cannot read', () => {
    const file = path.join(dir, 'new.redress');
    const key = crypto.randomBytes(32);
    const db = openArchive({ file, key, mode: 'create' });
    expect(cipherOf(db.$client)).toBe('aegis');
    db.$client.close();
    expect(readsWith(file, key, 'aegis')).toBe(true);
    expect(readsWith(file, key, 'chacha20')).toBe(false);
  });

  it('opens an archive made with ChaCha20, keeps its cipher, and rekeys it with the same cipher', () => {
    const key = crypto.randomBytes(32);
    const file = chachaArchive('legacy.redress', key);
    const db = openArchive({ file, key, mode: 'open' });
    expect(cipherOf(db.$client)).toBe('chacha20');
    expect(db.$client.prepare('SELECT note FROM legacy').pluck().get()).toBe('欧阳明珠的投诉');

    const newKey = crypto.randomBytes(32);
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    db.$client.pragma('journal_mode = DELETE');
    rekeyFile(db.$client, newKey);
    db.$client.close();
    expect(readsWith(file, newKey, 'chacha20')).toBe(true);
    expect(readsWith(file, key, 'chacha20')).toBe(false);
  });

  it('refuses a wrong key for either cipher and leaves the file as it was', () => {
    const key = crypto.randomBytes(32);
    const legacy = chachaArchive('wrong-key.redress', key);
    const modern = path.join(dir, 'wrong-key-aegis.redress');
    openArchive({ file: modern, key, mode: 'create' }).$client.close();
    for (const file of [legacy, modern]) {
      const before = fs.readFileSync(file);
      let caught: unknown;
      try {
        openArchive({ file, key: crypto.randomBytes(32), mode: 'open' });
      } catch (error) {
        caught = error;
      }
      expect(isAppError(caught) && caught.code).toBe('WRONG_KEY');
      expect(fs.readFileSync(file).equals(before)).toBe(true);
    }
  });
});
