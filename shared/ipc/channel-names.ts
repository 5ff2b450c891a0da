import { contract, EVENT_NAMES, type ChannelName, type EventName } from './contract';

/**
 * The channel and event names as plain strings, for the preload's allow-list: taken from the
 * contract itself, so there is no second list to keep equal. The sandboxed preload should carry
 * strings, not the zod schemas: scripts/build-electron.mjs evaluates this module at build time and
 * bundles its values as literals (`inlineChannelNames`).
 */
export const CHANNEL_NAMES: readonly ChannelName[] = Object.keys(contract) as ChannelName[];

export const EVENT_NAME_LIST: readonly EventName[] = EVENT_NAMES;

/** The one IPC channel the preload uses to carry every contract call. */
export const INVOKE_CHANNEL = 'redress:invoke';
/** Prefix of the Electron channels that carry events to the renderer. */
export const EVENT_CHANNEL_PREFIX = 'redress:event:';
