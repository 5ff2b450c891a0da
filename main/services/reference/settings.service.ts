import { appendEvent } from '../../../db/repos/history.repo';
import {
  findBranch,
  insertBranch,
  listBranchRows,
  readSettingRows,
  writeSetting,
} from '../../../db/repos/settings.repo';
import type { ArchiveDb } from '../../../db/open';
import { branchInputSchema, type Branch, type BranchInput } from '../../../shared/domain/auth';
import {
  archiveSettingsSchema,
  DEFAULT_SETTINGS,
  SETTING_KEYS,
  settingsPatchSchema,
  type ArchiveSettings,
  type SettingsPatch,
} from '../../../shared/domain/settings';
import { AppError } from '../../../shared/errors';
import { parseInput, requirePermission } from '../access-guards';
import type { ServiceContext } from '../context';

/**
 * The archive's settings with defaults for anything unset. A stored value that no longer passes
 * the schema (written by a newer or older version) falls back to its default rather than
 * locking everyone out.
 */
export function readSettings(db: ArchiveDb): ArchiveSettings {
  const rows = readSettingRows(db);
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of SETTING_KEYS) {
    const single = archiveSettingsSchema.shape[key].safeParse(rows[key]);
    if (single.success) settings[key] = single.data;
  }
  return archiveSettingsSchema.parse(settings);
}

/** Every signed-in user needs these (idle lock, due-soon days); no permission beyond a session. */
export function getSettings(ctx: ServiceContext): ArchiveSettings {
  return readSettings(ctx.db);
}

export function updateSettings(ctx: ServiceContext, patch: SettingsPatch): ArchiveSettings {
  requirePermission(ctx, 'archive:manage');
  const changes = parseInput(settingsPatchSchema, patch);
  ctx.db.transaction(() => {
    const before = readSettings(ctx.db);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of SETTING_KEYS) {
      const value = changes[key];
      if (value === undefined || value === before[key]) continue;
      writeSetting(ctx.db, key, value);
      changed[key] = { from: before[key], to: value };
    }
    if (Object.keys(changed).length === 0) return;
    appendEvent(ctx.db, {
      caseId: null,
      type: 'settings.updated',
      actorUserId: ctx.actor.userId,
      at: ctx.clock.now(),
      payload: { changed },
    });
  });
  return readSettings(ctx.db);
}

export function listBranches(ctx: ServiceContext): Branch[] {
  return listBranchRows(ctx.db);
}

export function addBranch(ctx: ServiceContext, input: BranchInput): Branch {
  requirePermission(ctx, 'archive:manage');
  const { code, name } = parseInput(branchInputSchema, input);
  const branch: Branch = { code, name, createdAt: ctx.clock.now() };
  ctx.db.transaction(() => {
    if (findBranch(ctx.db, code)) {
      throw new AppError('VALIDATION', `branch ${code} exists`, {
        fields: { code: 'auth.validation.branchExists' },
      });
    }
    insertBranch(ctx.db, branch);
    appendEvent(ctx.db, {
      caseId: null,
      type: 'branch.added',
      actorUserId: ctx.actor.userId,
      at: branch.createdAt,
      payload: branch,
    });
  });
  return branch;
}
