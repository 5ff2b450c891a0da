import os from 'node:os';
import path from 'node:path';

/**
 * Where Redress keeps its data by default, per platform convention. Shared by the command line and
 * the Electron shell (which could ask `app.getPath('userData')`, but then the command line, which
 * has no Electron, would disagree with it).
 */
export interface PlatformInfo {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

export const APP_FOLDER = 'Redress';
export const DEFAULT_ARCHIVE_NAME = 'archive.redress';
export const PREFERENCES_NAME = 'preferences.json';

function currentPlatform(): PlatformInfo {
  return { platform: process.platform, env: process.env, home: os.homedir() };
}

/** `%APPDATA%\Redress`, `~/Library/Application Support/Redress`, or `$XDG_DATA_HOME/Redress`. */
export function defaultDataDir(info: PlatformInfo = currentPlatform()): string {
  const { platform, env, home } = info;
  if (platform === 'win32') {
    const appData = env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_FOLDER);
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_FOLDER);
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME && path.posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : undefined;
  return path.posix.join(xdg ?? path.posix.join(home, '.local', 'share'), APP_FOLDER);
}

export function defaultArchivePath(info: PlatformInfo = currentPlatform()): string {
  return inDataDir(info, DEFAULT_ARCHIVE_NAME);
}

/** The app's remembered language and last archive (main/services/archive/preferences.ts). */
export function preferencesPath(info: PlatformInfo = currentPlatform()): string {
  return inDataDir(info, PREFERENCES_NAME);
}

function inDataDir(info: PlatformInfo, name: string): string {
  const join = info.platform === 'win32' ? path.win32.join : path.posix.join;
  return join(defaultDataDir(info), name);
}
