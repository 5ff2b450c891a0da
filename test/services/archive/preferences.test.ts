import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppState } from '../../../main/app-state';
import { preferencesPath } from '../../../main/services/archive/paths';
import {
  readPreferences,
  startingArchivePath,
  updatePreferences,
} from '../../../main/services/archive/preferences';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-preferences-'));
  file = path.join(dir, 'Redress', 'preferences.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('preferences', () => {
  it('lives beside the default archive, per platform', () => {
    expect(
      preferencesPath({
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\li\\AppData\\Roaming' },
        home: 'C:\\Users\\li',
      }),
    ).toBe('C:\\Users\\li\\AppData\\Roaming\\Redress\\preferences.json');
    expect(preferencesPath({ platform: 'linux', env: {}, home: '/home/li' })).toBe(
      '/home/li/.local/share/Redress/preferences.json',
    );
  });

  it('merges each change into what is stored, creating the folder on first use', () => {
    expect(readPreferences(file)).toEqual({});
    updatePreferences(file, { locale: 'en' });
    updatePreferences(file, { archivePath: '/data/branch.redress' });
    expect(readPreferences(file)).toEqual({ locale: 'en', archivePath: '/data/branch.redress' });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['preferences.json']);
  });

  it('treats a damaged or foreign file as no preferences, and replaces it on the next change', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const text of ['{"locale": "en"', '{"locale": "fr"}', '[1, 2]', '']) {
      fs.writeFileSync(file, text);
      expect(readPreferences(file), text).toEqual({});
    }
    expect(warn).toHaveBeenCalledTimes(4);
    warn.mockRestore();
    updatePreferences(file, { locale: 'zh-CN' });
    expect(readPreferences(file)).toEqual({ locale: 'zh-CN' });
  });

  it('starts on the archive last opened only while it is still there', () => {
    const archive = path.join(dir, 'other.redress');
    expect(startingArchivePath({ archivePath: archive }, '/default.redress')).toBe('/default.redress');
    fs.writeFileSync(archive, '');
    expect(startingArchivePath({ archivePath: archive }, '/default.redress')).toBe(archive);
    expect(startingArchivePath({}, '/default.redress')).toBe('/default.redress');
  });

  it('the app remembers the language and the archive chosen, for its next start', () => {
    const app = createAppState({
      archivePath: path.join(dir, 'a.redress'),
      shell: 'electron',
      emit: () => {},
      preferencesFile: file,
    });
    app.setLocale('en');
    app.setArchivePath(path.join(dir, 'b.redress'));
    expect(readPreferences(file)).toEqual({ locale: 'en', archivePath: path.join(dir, 'b.redress') });

    const withoutFile = createAppState({
      archivePath: path.join(dir, 'a.redress'),
      shell: 'host',
      emit: () => {},
    });
    withoutFile.setLocale('zh-CN');
    expect(readPreferences(file).locale).toBe('en');
  });

  it('a preferences file that cannot be written does not stop the language from changing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // A folder where the file should be: the write fails.
    fs.mkdirSync(file, { recursive: true });
    const app = createAppState({
      archivePath: path.join(dir, 'a.redress'),
      shell: 'electron',
      emit: () => {},
      preferencesFile: file,
    });
    app.setLocale('en');
    expect(app.locale).toBe('en');
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
