import type { SplitDimension } from '../domain/analytics';
import { analyticsMessages } from './analytics';
import type { Locale } from './define';
import { uiCommonMessages } from './ui-common';

/**
 * How one value of a split dimension reads — in a chart legend (renderer) and in the exported
 * summary tables (main) alike, so the report says what the screen said. Codes go through the
 * caller's taxonomy lookup, which knows the archive's names.
 */
export function splitValueLabel(
  splitBy: SplitDimension,
  key: string,
  locale: Locale,
  codeLabel: (scheme: 'A' | 'B' | 'C', code: string) => string,
): string {
  const common = uiCommonMessages[locale];
  switch (splitBy) {
    case 'none':
      return analyticsMessages[locale].series.count;
    case 'channel':
      return codeLabel('A', key);
    case 'business':
      return codeLabel('B', key);
    case 'cause':
      return codeLabel('C', key);
    case 'status':
      return common.statuses[key as keyof typeof common.statuses] ?? key;
    case 'priority':
      return common.priorities[key as keyof typeof common.priorities] ?? key;
    case 'branch':
    case 'insuranceLine':
      return key;
    default: {
      const unreachable: never = splitBy;
      throw new Error(`unknown split ${String(unreachable)}`);
    }
  }
}
