import { Menu } from 'electron';
import type { Locale } from '../../shared/i18n/define';
import { menuTemplate, type MenuActions } from './menu-template';

export type { MenuActions } from './menu-template';

/** The application menu (main/electron/menu-template.ts) as Electron's Menu. */
export function buildMenu(
  locale: Locale,
  actions: MenuActions,
  platform: NodeJS.Platform = process.platform,
): Menu {
  return Menu.buildFromTemplate(menuTemplate(locale, actions, platform));
}
