import { z } from 'zod';
import { appendEvent } from '../../../db/repos/history.repo';
import { readSettingRows, writeSetting } from '../../../db/repos/settings.repo';
import { DEFAULT_LETTERS } from '../../../shared/domain/letter-defaults';
import {
  LETTER_KINDS,
  letterTemplateSchema,
  unknownPlaceholders,
  type LetterKind,
  type LetterTemplate,
} from '../../../shared/domain/letters';
import type { Locale } from '../../../shared/i18n/define';
import { AppError } from '../../../shared/errors';
import { parseInput, requirePermission } from '../access-guards';
import type { ServiceContext } from '../context';

/**
 * Letter templates per branch, kept in the settings table under one key (branch → kind.locale →
 * title and body). A branch that never edited a letter uses the defaults of letter-defaults.ts.
 */
const SETTING_KEY = 'letterTemplates';
const storedSchema = z.record(
  z.string(),
  z.record(z.string(), z.object({ title: z.string(), body: z.string() })),
);
type Stored = z.infer<typeof storedSchema>;

export interface LetterTemplateView extends LetterTemplate {
  isCustom: boolean;
}

function readStored(ctx: ServiceContext): Stored {
  const parsed = storedSchema.safeParse(readSettingRows(ctx.db)[SETTING_KEY]);
  return parsed.success ? parsed.data : {};
}

export function letterTemplate(ctx: ServiceContext, kind: LetterKind, locale: Locale): LetterTemplateView {
  const custom = readStored(ctx)[ctx.actor.branchCode]?.[`${kind}.${locale}`];
  const base = custom ?? DEFAULT_LETTERS[locale][kind];
  return { kind, locale, title: base.title, body: base.body, isCustom: custom !== undefined };
}

export function listLetterTemplates(ctx: ServiceContext, locale: Locale): LetterTemplateView[] {
  requirePermission(ctx, 'case:read');
  return LETTER_KINDS.map((kind) => letterTemplate(ctx, kind, locale));
}

/** Refuses a template naming a placeholder that does not exist (it would print as {{x}}). */
export function requireKnownPlaceholders(template: Pick<LetterTemplate, 'title' | 'body'>): void {
  const unknown = unknownPlaceholders(`${template.title}\n${template.body}`);
  if (unknown.length === 0) return;
  const names = unknown.map((name) => `{{${name}}}`).join('、');
  throw new AppError('VALIDATION', `unknown placeholders ${names}`, {
    fields: { body: 'records.letters.unknownPlaceholder' },
    params: { names },
  });
}

export function saveLetterTemplate(ctx: ServiceContext, input: LetterTemplate): LetterTemplateView {
  requirePermission(ctx, 'archive:manage');
  const template = parseInput(letterTemplateSchema, input);
  requireKnownPlaceholders(template);
  ctx.db.transaction(() => {
    const stored = readStored(ctx);
    const branch = { ...(stored[ctx.actor.branchCode] ?? {}) };
    branch[`${template.kind}.${template.locale}`] = { title: template.title, body: template.body };
    writeSetting(ctx.db, SETTING_KEY, { ...stored, [ctx.actor.branchCode]: branch });
    appendEvent(ctx.db, {
      caseId: null,
      type: 'letters.template_saved',
      actorUserId: ctx.actor.userId,
      at: ctx.clock.now(),
      payload: { branchCode: ctx.actor.branchCode, kind: template.kind, locale: template.locale },
    });
  });
  return letterTemplate(ctx, template.kind, template.locale);
}
