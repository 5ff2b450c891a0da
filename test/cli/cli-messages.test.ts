import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, sampleCase, tempDir, type CliRun, createCliArchive } from './cli-helpers';

// Each run starts Node, tsx and scrypt: seconds apiece on a busy machine.
const SLOW = { timeout: 300_000 };
const lines = (run: CliRun) => run.stderr.split('\n').filter((line) => line.trim() !== '');
const ZH = { env: { LANG: 'zh_CN.UTF-8' } };

/**
 * Issue 13 item 13: a wrong type is not "required", and no library's words (ENOENT, FILE_ENDED,
 * "Invalid string length", JSON.parse's "Unexpected token") reach the reader.
 */
describe('redress says what went wrong, in the reader’s language', SLOW, () => {
  const dir = tempDir();
  const archive = path.join(dir, 'archive.redress');
  const cli = (args: string[], options: Parameters<typeof runCli>[1] = ZH) =>
    runCli(['--archive', archive, ...args], options);

  beforeAll(async () => {
    await createCliArchive(archive);
  }, 300_000);

  it('a field of the wrong type says "wrong type", a missing one "required"', async () => {
    const { request, ...rest } = sampleCase();
    void request;
    const wrong = {
      ...rest,
      amountFen: '三百元',
      complainant: { kind: 'person', name: '李秀英', phone: 13800138000 },
    };
    const run = await cli(['case', 'add', '-'], { ...ZH, input: JSON.stringify(wrong) });
    expect(run.code).toBe(2);
    const [line] = lines(run);
    expect(line).toContain('complainant.phone: 类型不正确：应为文字（加引号）。');
    expect(line).toContain('amountFen: 类型不正确：应为数字。');
    expect(line).toContain('request: 此项必填。');
  });

  it('malformed case JSON names the line and column, not JSON.parse’s English', async () => {
    const run = await cli(['case', 'add', '-'], { ...ZH, input: '{"facts": 1,\n  request: "x"}' });
    expect(run.code).toBe(2);
    expect(lines(run)).toEqual(['redress: 不是有效的 JSON（第 2 行第 3 列附近）']);
    const cut = await cli(['case', 'add', '-'], { ...ZH, input: '{"facts": oops}' });
    expect(lines(cut)).toEqual(['redress: 不是有效的 JSON']);
  });

  it('importing a missing file, a folder or a cut-off workbook gets words, not error codes', async () => {
    const missing = await cli(['import', path.join(dir, 'nope.csv'), '--preset', 'cfpb-2013']);
    expect(lines(missing)).toEqual(['redress: 导入文件有误：文件不存在（可能已被移动或删除）。']);
    expect(missing.code).toBe(1);

    const folder = await cli(['import', dir, '--preset', 'cfpb-2013']);
    expect(lines(folder)).toEqual(['redress: 导入文件有误：选择的是文件夹，不是文件。']);

    const cut = path.join(dir, 'cut.xlsx');
    fs.writeFileSync(cut, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)]));
    const workbook = await cli(['import', cut, '--preset', 'cfpb-2013'], { env: {} });
    expect(workbook.code).toBe(1);
    expect(lines(workbook)).toHaveLength(1);
    expect(lines(workbook)[0]).toContain('The XLSX workbook cannot be read: it is damaged or incomplete');
    for (const run of [missing, folder, workbook]) expect(run.stderr).not.toMatch(/ENOENT|EISDIR|FILE_ENDED/);
  });

  it('a missing or malformed mapping file and a missing bundle are named', async () => {
    const csv = path.join(import.meta.dirname, '..', 'bad-input', 'cfpb-good.csv');
    const mapping = path.join(dir, 'mapping.json');
    fs.writeFileSync(mapping, '{"mapping": ');
    const bad = await cli(['import', csv, '--mapping', mapping, '--dry-run']);
    expect(bad.code).toBe(2);
    expect(lines(bad)).toEqual([`redress: 映射文件不是有效的 JSON：${mapping}`]);

    const gone = path.join(dir, 'gone.json');
    const absent = await cli(['import', csv, '--mapping', gone, '--dry-run']);
    expect(absent.code).toBe(2);
    expect(lines(absent)).toEqual([`redress: 文件不存在：${gone}`]);

    const bundle = await cli(['sync', 'import-bundle', path.join(dir, 'reply.bundle')], { env: {} });
    expect(bundle.code).toBe(2);
    expect(lines(bundle)).toEqual([`redress: no such file: ${path.join(dir, 'reply.bundle')}`]);
  });

  it('a key file far too large to be one is reported as damaged, not missing', async () => {
    const copy = path.join(dir, 'copy.redress');
    fs.copyFileSync(archive, copy);
    fs.writeFileSync(`${copy}.keys`, Buffer.alloc(5 * 1024 * 1024, 0x20));
    const run = await runCli(['--archive', copy, 'case', 'list']);
    expect(run.code).toBe(1);
    expect(lines(run)[0]).toContain('The key file is damaged or unreadable');
  });
});

/**
 * Chinese unless asked for English: with no LANG, or `C.UTF-8` as servers and containers have, the
 * messages are zh-CN (they used to be English); `LANG=en_…` or `--lang en` give English.
 */
describe('the language of the messages', SLOW, () => {
  const badUrl = ['hq', 'status', '--hq', 'hq.example'];
  const zh = 'redress: 总部地址不正确：hq.example（应为 https://主机:端口，例如 https://127.0.0.1:8443）';
  const en =
    'redress: Not a head office address: hq.example (https://host:port, e.g. https://127.0.0.1:8443)';

  it('is Chinese by default and English when LANG or --lang says en', async () => {
    const runs = await Promise.all([
      runCli(badUrl, { env: { LANG: '' } }),
      runCli(badUrl, { env: { LANG: 'C.UTF-8' } }),
      runCli(badUrl, { env: { LANG: 'en_US.UTF-8' } }),
      runCli(['--lang', 'en', ...badUrl], { env: { LANG: 'C.UTF-8' } }),
      runCli(['--lang', 'zh-CN', ...badUrl]),
    ]);
    expect(runs.map(lines)).toEqual([[zh], [zh], [en], [en], [zh]]);
    for (const run of runs) expect(run.code).toBe(2);
  });

  it('an unknown --lang is refused in the language of the environment', async () => {
    const run = await runCli(['--lang', 'fr', 'user', 'list'], { env: { LANG: 'C' } });
    expect(run.code).toBe(2);
    expect(lines(run)).toEqual(['redress: 不支持的语言：fr（可用 zh-CN、en）']);
  });
});
