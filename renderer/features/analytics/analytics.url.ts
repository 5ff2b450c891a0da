import { caseFilterSchema, type CaseFilter } from '../../../shared/domain/case-query';
import { dashboardRequestSchema, type DashboardRequest } from '../../../shared/domain/analytics';

/**
 * The dashboard's state lives in the URL hash (`#/analytics?view=<json>`), so a view can be
 * bookmarked, reopened, and survives a reload; a drill-down opens the grid at
 * `#/cases?filter=<json>`, which the cases screen reads with `filterFromHash`.
 */
export const DEFAULT_VIEW: DashboardRequest = dashboardRequestSchema.parse({});

function queryParam(hash: string, name: string): string | null {
  const query = hash.indexOf('?');
  if (query < 0) return null;
  return new URLSearchParams(hash.slice(query + 1)).get(name);
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The dashboard view in a hash; anything unreadable falls back to the default view. */
export function viewFromHash(hash: string): DashboardRequest {
  const parsed = dashboardRequestSchema.safeParse(parseJson(queryParam(hash, 'view')) ?? {});
  return parsed.success ? parsed.data : DEFAULT_VIEW;
}

export function viewHash(view: DashboardRequest): string {
  return `#/analytics?view=${encodeURIComponent(JSON.stringify(view))}`;
}

/** The grid's address for a drill-down filter. */
export function casesHashFor(filter: CaseFilter): string {
  return `#/cases?filter=${encodeURIComponent(JSON.stringify(filter))}`;
}

/** The filter a `#/cases?filter=…` hash carries, or null (for the cases screen). */
export function filterFromHash(hash: string): CaseFilter | null {
  const parsed = caseFilterSchema.safeParse(parseJson(queryParam(hash, 'filter')));
  return parsed.success ? parsed.data : null;
}
