/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { LOCALES, type Messages } from '../../../shared/i18n/define';
import { labelMessages } from '../../../shared/i18n/labels';
import {
  COMPLAINANT_KINDS,
  ID_TYPES,
  PRIORITIES,
  RESOLUTION_TYPES,
  SATISFACTION_LEVELS,
} from '../../../shared/domain/case';
import { INTAKE_METHODS, INTERNAL_CAUSES } from '../../../shared/domain/case-codes';
import { CASE_ACTIONS, CASE_STATUSES } from '../../../shared/domain/status';
import { ROLES } from '../../../shared/domain/roles';
import { TAXONOMY_SCHEMES } from '../../../shared/domain/taxonomy';
import { DOCUMENT_KINDS, RETENTION_CLASSES } from '../../../shared/domain/retention';
import { DISPOSAL_BATCH_KINDS, DISPOSAL_BATCH_STATUSES } from '../../../shared/domain/disposal';
import { CONTACT_METHODS, CONTACT_OUTCOMES } from '../../../shared/domain/contacts';
import { RECTIFICATION_STATUSES } from '../../../shared/domain/rectification';
import { REFERRAL_KINDS, REFERRAL_STATUSES } from '../../../shared/domain/referrals';
import { REMINDER_KINDS } from '../../../shared/domain/reminders';

type Group = keyof (typeof labelMessages)['zh-CN'];

const ENUMS: Record<Group, readonly string[]> = {
  statuses: CASE_STATUSES,
  actions: CASE_ACTIONS,
  resolutionTypes: RESOLUTION_TYPES,
  priorities: PRIORITIES,
  satisfaction: SATISFACTION_LEVELS,
  roles: ROLES,
  intakeMethods: INTAKE_METHODS,
  internalCauses: INTERNAL_CAUSES,
  idTypes: ID_TYPES,
  complainantKinds: COMPLAINANT_KINDS,
  taxonomySchemes: TAXONOMY_SCHEMES,
  retentionClasses: RETENTION_CLASSES,
  documentKinds: DOCUMENT_KINDS,
  disposalKinds: DISPOSAL_BATCH_KINDS,
  disposalStatuses: DISPOSAL_BATCH_STATUSES,
  rectificationStatuses: RECTIFICATION_STATUSES,
  contactMethods: CONTACT_METHODS,
  contactOutcomes: CONTACT_OUTCOMES,
  referralKinds: REFERRAL_KINDS,
  referralStatuses: REFERRAL_STATUSES,
  reminderKinds: REMINDER_KINDS,
};
const GROUPS = Object.keys(ENUMS) as Group[];

/** Every `{ 'zh-CN', en }` message object exported by any i18n namespace. */
const namespaces = Object.entries(import.meta.glob('../../../shared/i18n/*.ts', { eager: true })).flatMap(
  ([file, mod]) =>
    Object.entries(mod as Record<string, unknown>)
      .filter(([, v]) => typeof v === 'object' && v !== null && 'zh-CN' in v && 'en' in v)
      .map(([name, v]) => ({ where: `${file}:${name}`, messages: v as Record<string, Messages> })),
);

/** Objects whose keys (two or more) all belong to one enum: some module's label map for it. */
function labelMaps(node: Messages, path: string, out: { path: string; map: Messages }[]): void {
  const keys = Object.keys(node);
  const looksLikeMap =
    keys.length >= 2 &&
    keys.every((k) => typeof node[k] === 'string') &&
    GROUPS.some((g) => keys.every((k) => ENUMS[g].includes(k)));
  if (looksLikeMap) out.push({ path, map: node });
  for (const k of keys) {
    const child = node[k];
    if (typeof child === 'object') labelMaps(child, `${path}.${k}`, out);
  }
}

describe('the one label table', () => {
  it('labels every value of every enum, in both languages, and nothing else', () => {
    for (const locale of LOCALES)
      for (const group of GROUPS) {
        const table = labelMessages[locale][group] as Record<string, string>;
        expect(Object.keys(table).sort(), `${locale} ${group}`).toEqual([...ENUMS[group]].sort());
        for (const value of ENUMS[group])
          expect(table[value]?.trim(), `${locale} ${group}.${value}`).toBeTruthy();
      }
  });

  it('finds label maps in the other namespaces (so the next test checks something)', () => {
    const found: string[] = [];
    for (const ns of namespaces) {
      const out: { path: string; map: Messages }[] = [];
      labelMaps(ns.messages['zh-CN']!, ns.where, out);
      found.push(...out.map((o) => o.path));
    }
    expect(found.some((p) => p.includes('analytics'))).toBe(true);
    expect(found.some((p) => p.includes('ui-common'))).toBe(true);
    expect(found.some((p) => p.includes('case-work') && p.endsWith('referralStatuses'))).toBe(true);
  });

  it('is the only wording: no module labels an enum value differently', () => {
    const clashes: string[] = [];
    for (const ns of namespaces)
      for (const locale of LOCALES) {
        const out: { path: string; map: Messages }[] = [];
        labelMaps(ns.messages[locale]!, `${ns.where} ${locale}`, out);
        for (const { path, map } of out) {
          const keys = Object.keys(map);
          const agrees = GROUPS.some((g) => {
            const table = labelMessages[locale][g] as Record<string, string>;
            return keys.every((k) => table[k] === map[k]);
          });
          if (!agrees) clashes.push(`${path}: ${JSON.stringify(map)}`);
        }
      }
    expect(clashes).toEqual([]);
  });
});
