import fs from 'node:fs';
import path from 'node:path';
import type { Messages } from '../../../shared/i18n/define';

/** A namespace's messages in both languages, as `defineMessages` returns them. */
export type Table = { 'zh-CN': Messages; en: Messages };

/** Every message table exported from shared/i18n, named by its file and export. */
export async function everyTable(): Promise<{ file: string; name: string; table: Table }[]> {
  const dir = path.resolve('shared/i18n');
  const tables: { file: string; name: string; table: Table }[] = [];
  for (const file of fs.readdirSync(dir).filter((entry) => entry.endsWith('.ts'))) {
    const module = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      const table = value as Partial<Table> | null;
      if (table && typeof table === 'object' && table['zh-CN'] && table.en)
        tables.push({ file, name, table: table as Table });
    }
  }
  return tables;
}
