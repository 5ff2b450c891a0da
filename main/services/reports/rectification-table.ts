import { sql } from 'drizzle-orm';
import { analyticsWhere } from '../../../db/queries/analytics/common';
import { INTERNAL_CAUSES } from '../../../shared/domain/case-codes';
import type { CaseFilter } from '../../../shared/domain/case-query';
import type { RectificationStatus } from '../../../shared/domain/rectification';
import { analyticsMessages } from '../../../shared/i18n/analytics';
import { caseWorkMessages } from '../../../shared/i18n/case-work';
import type { Locale } from '../../../shared/i18n/define';
import { uiCaseWorkMessages } from '../../../shared/i18n/ui-case-work';
import { analyticsScope } from '../analytics/analytics.service';
import type { ServiceContext } from '../context';
import { taxonomyNames } from './case-rows';
import type { SummaryTable } from './summary-tables';

interface ActionRow {
  caseNo: string;
  businessCode: string;
  causeCode: string;
  internalCause: string | null;
  what: string;
  department: string;
  owner: string;
  dueDate: string;
  status: RectificationStatus;
  doneDate: string | null;
  verifiedDate: string | null;
  evidence: string | null;
}

/**
 * The export's rectification sheet: every action on the exported cases, with the case's B × C and
 * coded internal cause, so the regulator's and management's tables show which causes were fixed.
 */
export function rectificationTable(ctx: ServiceContext, filter: CaseFilter, locale: Locale): SummaryTable {
  const where = analyticsWhere(filter, analyticsScope(ctx));
  const rows = ctx.db.all<ActionRow>(sql`
    SELECT cases.case_no AS caseNo, cases.business_code AS businessCode, cases.cause_code AS causeCode,
      cases.internal_cause AS internalCause, r.what, r.department, r.owner, r.due_date AS dueDate,
      r.status, r.done_date AS doneDate, r.verified_date AS verifiedDate, r.evidence
    FROM rectification_actions r JOIN cases ON cases.id = r.case_id
    WHERE ${where} ORDER BY cases.received_date, r.created_at`);
  const labels = caseWorkMessages[locale];
  const ui = uiCaseWorkMessages[locale];
  const names = taxonomyNames(ctx.db, locale);
  const code = (scheme: string, value: string) => `${value} ${names.get(`${scheme}:${value}`) ?? ''}`.trim();
  const cause = (value: string | null) =>
    value && (INTERNAL_CAUSES as readonly string[]).includes(value)
      ? labels.internalCauses[value as (typeof INTERNAL_CAUSES)[number]]
      : '';
  const m = analyticsMessages[locale];
  return {
    id: 'rectification',
    sheetName: m.sheets.rectification,
    title: ui.actions.title,
    headers: [
      m.columns.caseNo,
      m.columns.business,
      m.columns.cause,
      ui.rootCause.internalCause,
      ui.actions.what,
      ui.actions.department,
      ui.actions.owner,
      ui.actions.dueDate,
      ui.overdue.status,
      ui.actions.evidence,
      labels.rectificationStatuses.done,
      labels.rectificationStatuses.verified,
    ],
    rows: rows.map((r) => [
      r.caseNo,
      code('B', r.businessCode),
      code('C', r.causeCode),
      cause(r.internalCause),
      r.what,
      r.department,
      r.owner,
      r.dueDate,
      labels.rectificationStatuses[r.status],
      r.evidence,
      r.doneDate,
      r.verifiedDate,
    ]),
  };
}
