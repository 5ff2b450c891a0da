import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/**
 * Import mappings people saved (the built-in CFPB presets ship in resources/import-presets and are
 * not stored). A table of its own rather than `settings` rows: presets are user data with an author
 * and time, listed and validated on their own, and every settings read would otherwise parse them.
 */
export const importPresets = sqliteTable('import_presets', {
  name: text('name').primaryKey(),
  labelZh: text('label_zh').notNull(),
  labelEn: text('label_en').notNull(),
  mapping: text('mapping').notNull(), // JSON: shared/domain/import.ts importMappingSchema
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
export type ImportPresetRow = typeof importPresets.$inferSelect;
