import type { ChannelName, EventName } from './contract';

/**
 * The channel and event names as plain strings, for the preload's allow-list. Kept apart from the
 * zod schemas so the sandboxed preload bundles a list of strings, not the whole contract. The type
 * checks below fail to compile when a channel is added to the contract but not here (or the
 * reverse), and test/host/host.test.ts compares the lists at run time.
 */
const channelNames = [
  'app:get-state',
  'app:set-locale',
  'archive:create',
  'dialog:open-archive',
  'files:choose-upload',
  'files:choose-download',
  'files:release',
  'auth:sign-in',
  'auth:sign-out',
  'auth:lock',
  'auth:change-password',
  'auth:activity',
  'auth:recover',
  'auth:rotate-recovery-key',
  'auth:recovery-fingerprint',
  'cases:list-page',
  'cases:count',
  'cases:get',
  'cases:register',
  'cases:update',
  'cases:transition',
  'cases:find-duplicates',
  'cases:merge',
  'cases:annotate',
  'cases:history',
  'cases:due-summary',
  'cases:search-status',
  'attachments:add',
  'attachments:list',
  'attachments:get',
  'drafts:save',
  'drafts:get',
  'drafts:delete',
  'views:list',
  'views:save',
  'views:delete',
  'casework:get',
  'casework:set-root-cause',
  'casework:add-rectification',
  'casework:move-rectification',
  'casework:list-overdue-rectifications',
  'casework:log-contact',
  'casework:add-referral',
  'casework:move-referral',
  'customers:get-history',
  'customers:get-case-history',
  'classification:suggest',
  'taxonomy:list',
  'taxonomy:search',
  'taxonomy:add',
  'taxonomy:rename',
  'taxonomy:retire',
  'taxonomy:reinstate',
  'taxonomy:set-synonyms',
  'users:list',
  'users:add',
  'users:update',
  'users:set-active',
  'users:reset-password',
  'settings:get',
  'settings:update',
  'holidays:list',
  'holidays:set',
  'holidays:remove',
  'branches:list',
  'branches:add',
  'analytics:dashboard',
  'analytics:drill-down',
  'analytics:case-work',
  'analytics:list-denominators',
  'analytics:set-denominator',
  'analytics:delete-denominator',
  'reports:export',
  'reports:cancel',
  'import:preview',
  'import:run',
  'import:cancel',
  'import:list-presets',
  'import:save-preset',
  'letters:list-templates',
  'letters:save-template',
  'letters:compose',
  'letters:record-printed',
  'letters:record-sent',
  'letters:export-pdf',
  'audit:list',
  'audit:export-xlsx',
  'audit:record-print',
] as const satisfies readonly ChannelName[];

type Listed = (typeof channelNames)[number];
// Compile-time proof that every contract channel is listed: `true` only if nothing is missing.
const everyChannelListed: [Exclude<ChannelName, Listed>] extends [never] ? true : false = true;
void everyChannelListed;

export const CHANNEL_NAMES: readonly ChannelName[] = channelNames;

const eventNames = ['app:locked', 'app:progress', 'app:command'] as const satisfies readonly EventName[];
const everyEventListed: [Exclude<EventName, (typeof eventNames)[number]>] extends [never] ? true : false =
  true;
void everyEventListed;

export const EVENT_NAME_LIST: readonly EventName[] = eventNames;

/** The one IPC channel the preload uses to carry every contract call. */
export const INVOKE_CHANNEL = 'redress:invoke';
/** Prefix of the Electron channels that carry events to the renderer. */
export const EVENT_CHANNEL_PREFIX = 'redress:event:';
