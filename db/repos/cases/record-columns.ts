import type { CaseRecord } from '../../../shared/domain/case';
import type { CaseRow, NewCaseRow } from '../../schema';

/**
 * CaseRecord (shared/domain/case.ts, nested, what services return) ↔ the flat `cases` row (what
 * the grid and analytics index). Kept beside cases.repo.ts so the two shapes change together.
 */

function parseStringArray(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.map(String) : [];
}

export function rowToRecord(row: CaseRow): CaseRecord {
  return {
    id: row.id,
    caseNo: row.caseNo,
    branchCode: row.branchCode,
    status: row.status,
    receivedAt: row.receivedAt,
    intakeMethod: row.intakeMethod,
    complainant: {
      kind: row.complainantKind,
      name: row.complainantName,
      idType: row.complainantIdType as CaseRecord['complainant']['idType'],
      idNumber: row.complainantIdNumber,
      phone: row.complainantPhone,
      address: row.complainantAddress,
      creditCode: row.orgCreditCode,
      legalRepresentative: row.orgLegalRepresentative,
      agentName: row.agentName,
      agentPhone: row.agentPhone,
      agentAuthorisation: row.agentAuthorisation,
      isElderly: row.isElderly,
      isDisabled: row.isDisabled,
      isGroup: row.isGroup,
      groupRepresentatives: parseStringArray(row.groupRepresentatives),
    },
    respondent: {
      unit: row.respondentUnit,
      staffName: row.respondentStaffName,
      staffUnit: row.respondentStaffUnit,
    },
    request: row.requestText,
    facts: row.factsText,
    grounds: row.groundsText,
    productName: row.productName,
    accountNumber: row.accountNumber,
    amountFen: row.amountFen,
    classification: {
      channelCode: row.channelCode,
      businessCode: row.businessCode,
      causeCode: row.causeCode,
      insuranceCategoryCode: row.insuranceCategoryCode,
      insuranceLine: row.insuranceLine,
      tags: parseStringArray(row.tags),
    },
    priority: row.priority,
    risk: {
      mediaExposure: row.riskMedia,
      regulatorTransferred: row.riskRegulator,
      repeatComplaint: row.riskRepeat,
    },
    externalRef:
      row.externalSource && row.externalId ? { source: row.externalSource, id: row.externalId } : null,
    registeredBy: row.registeredBy,
    handling: {
      handlerUserId: row.handlerUserId,
      conflictDeclaration: row.conflictDeclaration,
      investigationNotes: row.investigationNotes,
      rootCause: row.rootCause,
      internalCause: row.internalCause,
      resolutionType: row.resolutionType as CaseRecord['handling']['resolutionType'],
      resolutionAmountFen: row.resolutionAmountFen,
      decisionNotice: row.decisionNotice,
      informedDate: row.informedDate,
      customerAccepted: row.customerAccepted,
      satisfaction: row.satisfaction as CaseRecord['handling']['satisfaction'],
      followUpDate: row.followUpDate,
      followUpNotes: row.followUpNotes,
      rectificationCause: row.rectificationCause,
      rectificationAction: row.rectificationAction,
      rectificationOwner: row.rectificationOwner,
      rectificationDue: row.rectificationDue,
    },
    deadline: {
      limitDays: row.limitDays as CaseRecord['deadline']['limitDays'],
      receivedDate: row.receivedDate,
      dueDate: row.dueDate,
      pausedSince: row.pausedSince,
      pausedDays: row.pausedDays,
      decidedDate: row.decidedDate,
    },
    mergedIntoCaseId: row.mergedIntoCaseId,
    reviewRequestedDate: row.reviewRequestedDate,
    escalatedTo: row.escalatedTo,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Registration and classification columns of a record (everything a clerk's edit may change). */
export function registrationColumns(
  record: Pick<
    CaseRecord,
    | 'receivedAt'
    | 'intakeMethod'
    | 'complainant'
    | 'respondent'
    | 'request'
    | 'facts'
    | 'grounds'
    | 'productName'
    | 'accountNumber'
    | 'amountFen'
    | 'classification'
    | 'priority'
    | 'risk'
  >,
): Partial<NewCaseRow> {
  const { complainant: c, respondent: r, classification: k } = record;
  return {
    receivedAt: record.receivedAt,
    intakeMethod: record.intakeMethod ?? null,
    complainantKind: c.kind,
    complainantName: c.name,
    complainantIdType: c.idType ?? null,
    complainantIdNumber: emptyToNull(c.idNumber),
    complainantPhone: emptyToNull(c.phone),
    complainantAddress: emptyToNull(c.address),
    orgCreditCode: emptyToNull(c.creditCode),
    orgLegalRepresentative: emptyToNull(c.legalRepresentative),
    agentName: emptyToNull(c.agentName),
    agentPhone: emptyToNull(c.agentPhone),
    agentAuthorisation: emptyToNull(c.agentAuthorisation),
    isElderly: c.isElderly,
    isDisabled: c.isDisabled,
    isGroup: c.isGroup,
    groupRepresentatives: JSON.stringify(c.groupRepresentatives),
    respondentUnit: emptyToNull(r.unit),
    respondentStaffName: emptyToNull(r.staffName),
    respondentStaffUnit: emptyToNull(r.staffUnit),
    requestText: record.request,
    factsText: record.facts,
    groundsText: record.grounds,
    productName: emptyToNull(record.productName),
    accountNumber: emptyToNull(record.accountNumber),
    amountFen: record.amountFen ?? null,
    channelCode: k.channelCode,
    businessCode: k.businessCode,
    causeCode: k.causeCode,
    insuranceCategoryCode: emptyToNull(k.insuranceCategoryCode),
    insuranceLine: emptyToNull(k.insuranceLine),
    tags: JSON.stringify(k.tags),
    priority: record.priority,
    riskMedia: record.risk.mediaExposure,
    riskRegulator: record.risk.regulatorTransferred,
    riskRepeat: record.risk.repeatComplaint,
  };
}

/** Handling columns from a (partial) handling object; absent keys are left out of the patch. */
export function handlingColumns(handling: Partial<CaseRecord['handling']>): Partial<NewCaseRow> {
  const patch: Partial<NewCaseRow> = {};
  const map = {
    handlerUserId: 'handlerUserId',
    conflictDeclaration: 'conflictDeclaration',
    investigationNotes: 'investigationNotes',
    rootCause: 'rootCause',
    internalCause: 'internalCause',
    resolutionType: 'resolutionType',
    resolutionAmountFen: 'resolutionAmountFen',
    decisionNotice: 'decisionNotice',
    informedDate: 'informedDate',
    customerAccepted: 'customerAccepted',
    satisfaction: 'satisfaction',
    followUpDate: 'followUpDate',
    followUpNotes: 'followUpNotes',
    rectificationCause: 'rectificationCause',
    rectificationAction: 'rectificationAction',
    rectificationOwner: 'rectificationOwner',
    rectificationDue: 'rectificationDue',
  } as const satisfies Record<keyof CaseRecord['handling'], keyof NewCaseRow>;
  for (const [key, column] of Object.entries(map) as [keyof CaseRecord['handling'], keyof NewCaseRow][]) {
    if (key in handling) (patch as Record<string, unknown>)[column] = handling[key] ?? null;
  }
  return patch;
}

function emptyToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}
