/**
 * The anonymous shell a disposed case keeps (DOMAIN.md "Records retention"): classification, dates,
 * outcome and the bookkeeping sync and statistics need. Every other column of `cases` — names,
 * identifiers, contacts, narratives, notes, and any column added later (sealed values, blind
 * indexes) — is cleared by a disposal: a whitelist, so a new personal column is never kept by
 * oversight.
 */
export const SHELL_PROPERTIES: ReadonlySet<string> = new Set([
  'id',
  'caseNo',
  'branchCode',
  'originInstallationId',
  'status',
  'receivedAt',
  'receivedDate',
  'channelCode',
  'intakeMethod',
  'businessCode',
  'causeCode',
  'insuranceCategoryCode',
  'insuranceLine',
  'tags',
  'priority',
  'riskMedia',
  'riskRegulator',
  'riskRepeat',
  'complainantKind',
  'complainantIdType',
  'isElderly',
  'isDisabled',
  'isGroup',
  'respondentUnit',
  'productName',
  'amountFen',
  'handlerUserId',
  'internalCause',
  'resolutionType',
  'resolutionAmountFen',
  'informedDate',
  'customerAccepted',
  'satisfaction',
  'followUpDate',
  'rectificationDue',
  'limitDays',
  'dueDate',
  'pausedSince',
  'pausedDays',
  'decidedDate',
  'closedDate',
  'isOnTime',
  'mergedIntoCaseId',
  'reviewRequestedDate',
  'escalatedTo',
  // Branch codes, not a person: a disposed shell left by a transfer stays read-only and uncounted.
  'transferredTo',
  'transferredFrom',
  'externalSource',
  'externalId',
  'registeredBy',
  'version',
  'createdAt',
  'updatedAt',
]);

export function isShellProperty(property: string): boolean {
  return SHELL_PROPERTIES.has(property);
}

/** What a required text of a disposed case reads (a dash: the same in every language, no data). */
export const DESTROYED_TEXT = '—';
