import type { z } from 'zod';
import type { ErrorPayload } from '../errors';
import { adminChannels } from './channels/admin';
import { analyticsChannels } from './channels/analytics';
import { appChannels } from './channels/app';
import { authChannels } from './channels/auth';
import { backupChannels } from './channels/backups';
import { borrowingChannels } from './channels/borrowing';
import { caseFileChannels } from './channels/case-files';
import { caseWorkChannels } from './channels/case-work';
import { caseChannels } from './channels/cases';
import { fileChannels } from './channels/files';
import { importChannels } from './channels/import';
import { recordsChannels } from './channels/records';
import { reminderChannels } from './channels/reminders';
import { retentionChannels } from './channels/retention';
import { handoverChannels } from './channels/handover';
import { syncChannels } from './channels/sync';

/**
 * The IPC contract: every channel the renderer may call, served by the Electron main process and
 * by the headless host through the same dispatcher (main/ipc/handle.ts). A new domain adds a file
 * under channels/ and one spread line here (channel-names.ts derives the preload's list from it).
 */
export const contract = {
  ...appChannels,
  ...authChannels,
  ...caseChannels,
  ...caseFileChannels,
  ...caseWorkChannels,
  ...adminChannels,
  ...analyticsChannels,
  ...importChannels,
  ...recordsChannels,
  ...retentionChannels,
  ...handoverChannels,
  ...fileChannels,
  ...syncChannels,
  ...reminderChannels,
  ...backupChannels,
  ...borrowingChannels,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
/** What the caller passes (before defaults are applied). */
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
/** What the handler receives (after parsing and defaults). */
export type ParsedRequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Contract[C]['response']>;

export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: ErrorPayload };

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export { events, EVENT_NAMES, type EventName, type EventPayloadOf } from './events';
