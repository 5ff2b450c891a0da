import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectToHost, type HostClient } from '../../main/host/host-client';
import { startHost, type RunningHost } from '../../main/host/host';
import { CFPB_SAMPLE } from '../services/import/import-fixture';

/**
 * Files through the browser (issue 13 item 2): uploads give handles, downloads are streamed once,
 * and no channel takes a path. A real host, a real encrypted archive, real HTTP.
 */
describe('headless host file transfer', () => {
  let host: RunningHost;
  let client: HostClient;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-host-files-'));
    host = await startHost({ archivePath: path.join(dir, 'archive.redress'), port: 0, rendererDir: dir });
    client = await connectToHost(host.url);
    const created = await client.invoke('archive:create', {
      branchCode: 'BJ01',
      branchName: '北京分行',
      terminalCode: 'T1',
      adminUsername: 'admin',
      adminDisplayName: '管理员',
      adminPassword: 'long enough password',
    });
    expect(created.ok).toBe(true);
  });
  afterAll(async () => {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function upload(file: string, name: string) {
    const response = await fetch(`${client.origin}files/upload?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: client.headers({ 'content-type': 'application/octet-stream' }),
      body: fs.readFileSync(file),
    });
    return (await response.json()) as { ok: boolean; data: { handle: string; name: string; size: number } };
  }

  it('an uploaded file is previewed by its handle; a path is refused before anything is read', async () => {
    const uploaded = await upload(CFPB_SAMPLE, '../../消费者投诉.csv');
    expect(uploaded.ok).toBe(true);
    expect(uploaded.data).toMatchObject({ name: '消费者投诉.csv', size: fs.statSync(CFPB_SAMPLE).size });
    const temporary = host.app.files.upload(uploaded.data.handle).path;
    expect(fs.statSync(temporary).mode & 0o777).toBe(0o600);
    const preview = await client.invoke<{ header: string[] }>('import:preview', {
      file: uploaded.data.handle,
    });
    expect(preview.ok && preview.data.header).toContain('complaint_id');

    for (const file of ['/etc/shadow', '/etc/passwd', `${host.app.archivePath}.keys`]) {
      const refused = await client.invoke('import:preview', { file });
      expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    await client.invoke('files:release', { handle: uploaded.data.handle });
    expect(fs.existsSync(temporary)).toBe(false);
    expect(await client.invoke('import:preview', { file: uploaded.data.handle })).toMatchObject({
      ok: false,
      error: { code: 'FILE_HANDLE_UNKNOWN' },
    });
  });

  it('an export is written to a private temporary file and downloaded once, then deleted', async () => {
    const target = await client.invoke<{ handle: string; name: string }>('files:choose-download', {
      suggestedName: '投诉报表.csv',
      extensions: ['csv'],
    });
    expect(target.ok).toBe(true);
    if (!target.ok) return;
    const exported = await client.invoke('reports:export', {
      taskId: 't1',
      format: 'csv',
      target: target.data.handle,
      request: {},
    });
    expect(exported, JSON.stringify(exported)).toMatchObject({
      ok: true,
      data: { fileName: '投诉报表.csv' },
    });
    const temporary = host.app.files.download(target.data.handle).path;
    expect(fs.statSync(temporary).mode & 0o777).toBe(0o600);
    const response = await fetch(`${client.origin}files/${target.data.handle}`, {
      headers: client.headers(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''%E6%8A%95%E8%AF%89");
    expect((await response.text()).length).toBeGreaterThan(0);
    await expect.poll(() => fs.existsSync(temporary)).toBe(false);
    const again = await fetch(`${client.origin}files/${target.data.handle}`, { headers: client.headers() });
    expect(again.status).toBe(404);
  });

  it('no channel takes a file path any more (reports:export filePath, archive:open)', async () => {
    const keys = `${host.app.archivePath}.keys`;
    const before = fs.readFileSync(keys);
    const refused = await client.invoke('reports:export', {
      taskId: 't2',
      format: 'csv',
      filePath: keys,
      request: {},
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(fs.readFileSync(keys).equals(before)).toBe(true);
    const open = await client.invoke('archive:open', { path: path.join(dir, 'elsewhere.redress') });
    expect(open).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(fs.existsSync(path.join(dir, 'elsewhere.redress'))).toBe(false);
  });
});
