import { z } from 'zod';

/** Events pushed from the main process (or host) to the renderer. */
export const events = {
  /** The session was closed: idle timeout, a manual lock, or sign-out. The UI returns to sign-in. */
  'app:locked': z.object({ reason: z.enum(['idle', 'manual', 'signed_out']) }),
  /** Progress of a long task (import, export, rekey). */
  'app:progress': z.object({
    taskId: z.string(),
    done: z.number().nonnegative(),
    total: z.number().nonnegative(),
    message: z.string(),
  }),
  /** A menu command the renderer carries out (navigation, search focus, choosing an archive). */
  'app:command': z.object({
    command: z.enum(['new-case', 'find', 'open-archive', 'sync-export-bundle', 'sync-import-bundle']),
  }),
} as const;

export type EventName = keyof typeof events;
export type EventPayloadOf<E extends EventName> = z.infer<(typeof events)[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];
