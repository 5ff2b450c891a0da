import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuActions, menuTemplate, type MenuCommand } from '../../main/electron/menu-template';
import { shellMessages } from '../../shared/i18n/shell';
import { events } from '../../shared/ipc/events';

/**
 * Electron cannot run here, so the menu is checked as the data it is built from: its sync items
 * send exactly the `app:command` events the renderer turns into the sync screen's own export and
 * import (renderer/app/Shell.tsx useMenuCommands; the screen's path is e2e-tested in
 * test/e2e/sync-bundle.e2e.test.ts and, reached through this event, test/e2e/sync-menu.e2e.test.ts).
 */
function itemsOf(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((entry) => entry.label === label);
  expect(menu, label).toBeDefined();
  return menu!.submenu as MenuItemConstructorOptions[];
}

function click(item: MenuItemConstructorOptions | undefined): void {
  expect(item?.click).toBeTypeOf('function');
  (item!.click as () => void)();
}

describe('application menu', () => {
  for (const locale of ['zh-CN', 'en'] as const) {
    it(`the ${locale} sync menu sends the sync screen's bundle commands, which the event contract accepts`, () => {
      const sent: MenuCommand[] = [];
      const shell = { lock: () => sent.push('find'), quit: () => undefined };
      const t = shellMessages[locale].menu;
      const template = menuTemplate(
        locale,
        menuActions((command) => sent.push(command), shell),
        'linux',
      );
      const sync = itemsOf(template, t.sync);
      click(sync.find((item) => item.label === t.exportBundle));
      click(sync.find((item) => item.label === t.importBundle));
      expect(sent).toEqual(['sync-export-bundle', 'sync-import-bundle']);
      for (const command of sent) expect(events['app:command'].safeParse({ command }).success).toBe(true);
    });
  }

  it('locks and quits through the shell, and the file menu sends its screen commands', () => {
    const sent: string[] = [];
    const shell = { lock: () => sent.push('lock'), quit: () => sent.push('quit') };
    const t = shellMessages['zh-CN'].menu;
    const file = itemsOf(
      menuTemplate(
        'zh-CN',
        menuActions((c) => sent.push(c), shell),
        'linux',
      ),
      t.file,
    );
    for (const label of [t.newCase, t.find, t.openArchive, t.lock, t.quit])
      click(file.find((item) => item.label === label));
    expect(sent).toEqual(['new-case', 'find', 'open-archive', 'lock', 'quit']);
  });

  it('puts the app menu first on macOS, with Cmd+Q', () => {
    const actions = menuActions(() => undefined, { lock: () => undefined, quit: () => undefined });
    const mac = menuTemplate('en', actions, 'darwin');
    expect(mac[0]!.label).toBe('Redress');
    const quit = itemsOf(mac, shellMessages.en.menu.file).find(
      (item) => item.label === shellMessages.en.menu.quit,
    );
    expect(quit?.accelerator).toBe('Cmd+Q');
  });
});
