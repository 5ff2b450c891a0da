import { AppError } from '../../../shared/errors';
import type { adminChannels } from '../../../shared/ipc/channels/admin';
import {
  addBranch,
  getSettings,
  listBranches,
  updateSettings,
} from '../../services/reference/settings.service';
import {
  addUser,
  listUsers,
  resetPassword,
  setUserActive,
  updateUser,
} from '../../services/auth/users.service';
import type { HandlersFor } from '../handler-types';
import type { ServiceContext } from '../../services/context';
import {
  addTaxonomy,
  listHolidayCalendar,
  listTaxonomyCodes,
  reinstateTaxonomy,
  removeHolidayDay,
  renameTaxonomy,
  retireTaxonomy,
  searchTaxonomyCodes,
  setHolidayDay,
  setTaxonomySynonymList,
} from '../../services/reference/taxonomy.service';

function usernameOf(ctx: ServiceContext, userId: string): string {
  const user = listUsers(ctx).find((u) => u.id === userId);
  if (!user) throw new AppError('NOT_FOUND', `no user ${userId}`);
  return user.username;
}

export const adminHandlers: HandlersFor<keyof typeof adminChannels> = {
  'taxonomy:list': (input, { ctx }) => ({ codes: listTaxonomyCodes(ctx, input) }),
  'taxonomy:search': (input, { ctx }) => searchTaxonomyCodes(ctx, input),
  'taxonomy:set-synonyms': (input, { ctx }) => setTaxonomySynonymList(ctx, input),
  'taxonomy:add': (input, { ctx }) => addTaxonomy(ctx, input),
  'taxonomy:rename': (input, { ctx }) => {
    renameTaxonomy(ctx, input);
    return null;
  },
  'taxonomy:retire': (input, { ctx }) => ({ codes: retireTaxonomy(ctx, input) }),
  'taxonomy:reinstate': (input, { ctx }) => {
    reinstateTaxonomy(ctx, input);
    return null;
  },
  'users:list': (_input, { ctx }) => ({ users: listUsers(ctx) }),
  'users:add': (input, { ctx }) => addUser(ctx, input),
  'users:update': ({ userId, patch }, { ctx }) => updateUser(ctx, userId, patch),
  'users:set-active': ({ userId, isActive, password }, { ctx }) =>
    setUserActive(ctx, userId, isActive, password),
  'users:reset-password': async ({ userId, newPassword }, { ctx }) => {
    await resetPassword(ctx, usernameOf(ctx, userId), newPassword);
    return null;
  },
  'settings:get': (_input, { ctx }) => getSettings(ctx),
  'settings:update': (patch, { ctx, app }) => {
    const settings = updateSettings(ctx, patch);
    app.setIdleLockMinutes(settings.idleLockMinutes);
    return settings;
  },
  'holidays:list': (range, { ctx }) => ({ holidays: listHolidayCalendar(ctx, range) }),
  'holidays:set': (holiday, { ctx }) => {
    setHolidayDay(ctx, holiday);
    return holiday;
  },
  'holidays:remove': (input, { ctx }) => {
    removeHolidayDay(ctx, input);
    return null;
  },
  'branches:list': (_input, { ctx }) => ({ branches: listBranches(ctx) }),
  'branches:add': (input, { ctx }) => addBranch(ctx, input),
};
