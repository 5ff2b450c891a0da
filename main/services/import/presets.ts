import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc, eq } from 'drizzle-orm';
import { importPresets } from '../../../db/schema';
import { importPresetSchema, type ImportPreset, type ImportPresetInput } from '../../../shared/domain/import';
import { AppError } from '../../../shared/errors';
import { requirePermission } from '../cases/case-scope';
import type { ServiceContext } from '../context';

/**
 * resources/import-presets of the checkout: three folders up from this module in the sources
 * (main/services/import), two up from a bundle (dist/cli, dist/main); a packaged app passes its
 * resources path.
 */
export function defaultPresetFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const [sources, bundle] = ['../../..', '../..'].map((up) =>
    path.resolve(here, up, 'resources/import-presets'),
  );
  return fs.existsSync(sources!) || !fs.existsSync(bundle!) ? sources! : bundle!;
}

/** The presets that ship with Redress (CFPB old and current formats). Read fresh: tiny files. */
export function builtInPresets(folder = defaultPresetFolder()): ImportPreset[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const raw: unknown = JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8'));
      return importPresetSchema.parse({ ...(raw as object), isBuiltIn: true });
    });
}

/** Built-in presets first, then the ones people saved in this archive. */
export function listPresets(ctx: ServiceContext, folder?: string): ImportPreset[] {
  requirePermission(ctx, 'import:run');
  const saved = ctx.db
    .select()
    .from(importPresets)
    .orderBy(asc(importPresets.name))
    .all()
    .flatMap((row) => {
      const parsed = importPresetSchema.safeParse({
        name: row.name,
        label: { zh: row.labelZh, en: row.labelEn },
        mapping: JSON.parse(row.mapping) as unknown,
        isBuiltIn: false,
      });
      // A preset saved by an older version that no longer parses is left out, not fatal.
      return parsed.success ? [parsed.data] : [];
    });
  return [...builtInPresets(folder), ...saved];
}

export function getPreset(ctx: ServiceContext, name: string, folder?: string): ImportPreset {
  const preset = listPresets(ctx, folder).find((p) => p.name === name);
  if (!preset) throw new AppError('PRESET_NOT_FOUND', `import preset ${name}`, { params: { name } });
  return preset;
}

/** Saves (or replaces) a person's mapping under a name. Built-in names cannot be overwritten. */
export function savePreset(ctx: ServiceContext, input: ImportPresetInput, folder?: string): ImportPreset {
  requirePermission(ctx, 'import:run');
  const preset = importPresetSchema.parse({ ...input, isBuiltIn: false });
  if (builtInPresets(folder).some((p) => p.name === preset.name)) {
    throw new AppError('CONFLICT', `import preset ${preset.name} is built in`);
  }
  const now = ctx.clock.now();
  const values = {
    labelZh: preset.label.zh,
    labelEn: preset.label.en,
    mapping: JSON.stringify(preset.mapping),
    updatedAt: now,
  };
  ctx.db
    .insert(importPresets)
    .values({ name: preset.name, ...values, createdBy: ctx.actor.userId, createdAt: now })
    .onConflictDoUpdate({ target: importPresets.name, set: values })
    .run();
  return preset;
}

export function deletePreset(ctx: ServiceContext, name: string): void {
  requirePermission(ctx, 'import:run');
  const result = ctx.db.delete(importPresets).where(eq(importPresets.name, name)).run();
  if (result.changes === 0) throw new AppError('NOT_FOUND', `import preset ${name}`);
}
