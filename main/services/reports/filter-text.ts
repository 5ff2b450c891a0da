import type { CaseFilter } from '../../../shared/domain/case-query';
import { analyticsMessages } from '../../../shared/i18n/analytics';
import { sayCount, type Locale } from '../../../shared/i18n/define';
import { uiCommonMessages } from '../../../shared/i18n/ui-common';

type CodeLabel = (scheme: 'A' | 'B' | 'C', code: string) => string;

/** A filter as one line for people (report headers, history): `业务类别：B02 贷款；接收日期：…`. */
export function describeFilter(filter: CaseFilter, locale: Locale, codeLabel: CodeLabel): string {
  const m = analyticsMessages[locale];
  const f = m.filterFields;
  const common = uiCommonMessages[locale];
  const sep = locale === 'zh-CN' ? '、' : ', ';
  const parts: string[] = [];
  const add = (label: string, value: string | undefined) => {
    if (value !== undefined && value !== '')
      parts.push(locale === 'zh-CN' ? `${label}：${value}` : `${label}: ${value}`);
  };
  const list = <T>(values: readonly T[] | undefined, show: (v: T) => string) => values?.map(show).join(sep);
  const range = (from?: string, to?: string) => (from || to ? `${from ?? '…'} – ${to ?? '…'}` : undefined);
  const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? m.yes : m.no);
  add(f.received, range(filter.receivedFrom, filter.receivedTo));
  add(f.closed, range(filter.closedFrom, filter.closedTo));
  add(f.due, range(filter.dueFrom, filter.dueTo));
  add(f.branchCodes, list(filter.branchCodes, String));
  add(
    f.channelCodes,
    list(filter.channelCodes, (c) => codeLabel('A', c)),
  );
  add(
    f.businessCodes,
    list(filter.businessCodes, (c) => codeLabel('B', c)),
  );
  add(
    f.causeCodes,
    list(filter.causeCodes, (c) => codeLabel('C', c)),
  );
  add(f.insuranceCategoryCodes, list(filter.insuranceCategoryCodes, String));
  add(f.insuranceLines, list(filter.insuranceLines, String));
  add(
    f.statuses,
    list(filter.statuses, (s) => common.statuses[s]),
  );
  add(
    f.priorities,
    list(filter.priorities, (p) => common.priorities[p]),
  );
  add(f.handlerUserIds, list(filter.handlerUserIds, String));
  add(
    f.resolutionTypes,
    list(filter.resolutionTypes, (t) => m.resolutionTypes[t]),
  );
  add(
    f.satisfaction,
    list(filter.satisfaction, (s) => m.satisfactionLevels[s]),
  );
  add(f.deadline, filter.deadline ? f.deadlines[filter.deadline] : undefined);
  add(f.limitDays, list(filter.limitDays, String));
  const days = filter.handlingDaysFrom !== undefined || filter.handlingDaysTo !== undefined;
  add(f.handlingDays, days ? `${filter.handlingDaysFrom ?? 0} – ${filter.handlingDaysTo ?? '…'}` : undefined);
  add(f.hasHandler, flag(filter.hasHandler));
  add(f.isRepeat, flag(filter.isRepeat));
  add(f.hasReviewRequest, flag(filter.hasReviewRequest));
  add(f.tags, list(filter.tags, String));
  add(f.text, filter.text);
  // The file's digest, shortened as git shows commits: enough to tell imports apart in a header.
  add(f.importedFile, filter.importedFile?.slice(0, 12));
  add(f.caseIds, filter.caseIds ? sayCount(f, 'count', filter.caseIds.length, locale) : undefined);
  return parts.length === 0 ? m.export.noFilter : parts.join(locale === 'zh-CN' ? '；' : '; ');
}
