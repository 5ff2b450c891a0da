import crypto from 'node:crypto';
import {
  caseRegistrationSchema,
  PRIORITIES,
  RESOLUTION_TYPES,
  type CaseRegistration,
} from '../../../shared/domain/case';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/domain/status';
import type { ImportField } from '../../../shared/domain/import';
import type { Clock } from '../context';
import type { CompiledMapping } from './compile-mapping';
import type { RawRow } from './csv-parser';
import { localInstant, parseDate } from './dates';
import type { RowProblems } from './row-problems';
import {
  normaliseRegistration,
  parseYuanToFen,
  registrationProblems,
} from '../../../shared/domain/registration-rules';
import type { Dimension, TaxonomyCodes } from './taxonomy-codes';
import { interpolate } from '../../../shared/i18n/define';

/** A valid row, ready for the cases table. */
export interface ImportRecord {
  rowNumber: number;
  externalId: string;
  registration: CaseRegistration;
  receivedDate: string;
  status: CaseStatus;
  resolutionType: (typeof RESOLUTION_TYPES)[number] | null;
  informedDate: string | null;
  decidedDate: string | null;
  isOnTime: boolean | null;
}

/** Imported cases may take any status but `merged`, which needs a surviving case to point to. */
const IMPORTABLE_STATUSES = new Set<string>(CASE_STATUSES.filter((s) => s !== 'merged'));
const RESOLUTIONS = new Set<string>(RESOLUTION_TYPES);
const PRIORITY_SET = new Set<string>(PRIORITIES);
const TRUE_WORDS = new Set(['yes', 'y', 'true', '1', '是', '及时', 'x', '✓']);
const FALSE_WORDS = new Set(['no', 'n', 'false', '0', '否', '不及时', '']);

/** Issue path in the registration schema → import field, to name the column at fault. */
const FIELD_OF_PATH: Record<string, ImportField> = {
  receivedAt: 'receivedAt',
  'complainant.name': 'complainant.name',
  'complainant.phone': 'complainant.phone',
  'complainant.idNumber': 'complainant.idNumber',
  'complainant.address': 'complainant.address',
  'respondent.unit': 'respondent.unit',
  request: 'request',
  facts: 'facts',
  grounds: 'grounds',
  productName: 'productName',
  accountNumber: 'accountNumber',
  amountFen: 'amount',
  'classification.channelCode': 'channelCode',
  'classification.businessCode': 'businessCode',
  'classification.causeCode': 'causeCode',
  'externalRef.id': 'externalId',
};

function placeholderName(template: string, externalId: string, row: number): string {
  return interpolate(template, { externalId, row });
}

export function convertFields(
  texts: Map<ImportField, string>,
  compiled: CompiledMapping,
  row: RawRow,
  taxonomy: TaxonomyCodes,
  problems: RowProblems,
  clock: Clock,
): ImportRecord | null {
  const text = (field: ImportField): string | null => texts.get(field) ?? null;
  const externalId = text('externalId') ?? contentKey(row.cells);
  const received = readDate(texts, 'receivedAt', compiled, problems);
  if (received === null && text('receivedAt') === null) problems.add('required', 'receivedAt');
  const codes = {
    channelCode: readCode(text('channelCode'), taxonomy, 'A', 'channelCode', problems),
    businessCode: readCode(text('businessCode'), taxonomy, 'B', 'businessCode', problems),
    causeCode: readCode(text('causeCode'), taxonomy, 'C', 'causeCode', problems),
  };
  const status = readEnum(text('status'), IMPORTABLE_STATUSES, 'status', problems) ?? 'registered';
  const resolutionType = readEnum(text('resolutionType'), RESOLUTIONS, 'resolutionType', problems);
  const priority = readEnum(text('priority'), PRIORITY_SET, 'priority', problems) ?? 'ordinary';
  const amountFen = readAmount(text('amount'), problems);
  const isElderly = readBoolean(text('complainant.isElderly'), 'complainant.isElderly', problems) ?? false;
  const isOnTime = readBoolean(text('isOnTime'), 'isOnTime', problems);
  const informedDate = readDate(texts, 'informedDate', compiled, problems)?.date ?? null;
  const decidedDate = readDate(texts, 'decidedDate', compiled, problems)?.date ?? null;
  const input = {
    receivedAt: received ? localInstant(received.date, received.secondsOfDay, clock.timeZone) : 1,
    complainant: {
      kind: 'person' as const,
      name:
        text('complainant.name') ??
        placeholderName(compiled.mapping.placeholderName, externalId, row.rowNumber),
      phone: text('complainant.phone'),
      idNumber: text('complainant.idNumber'),
      address: text('complainant.address'),
      isElderly,
    },
    respondent: { unit: text('respondent.unit') },
    request: text('request') ?? '',
    facts: text('facts') ?? '',
    grounds: text('grounds') ?? '',
    productName: text('productName'),
    accountNumber: text('accountNumber'),
    amountFen,
    classification: {
      channelCode: codes.channelCode ?? '-',
      businessCode: codes.businessCode ?? '-',
      causeCode: codes.causeCode ?? '-',
      tags: splitTags(text('tags')),
    },
    priority,
    externalRef: { source: compiled.mapping.source, id: externalId },
  };
  const parsed = caseRegistrationSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const field = FIELD_OF_PATH[path] ?? (path.startsWith('classification.tags') ? 'tags' : null);
      problems.add(issue.code === 'too_small' ? 'required' : 'invalid_value', field, issue.message);
    }
  }
  // Stored and checked exactly as a typed registration (shared/domain/registration-rules.ts).
  const registration = parsed.success ? normaliseRegistration(parsed.data) : null;
  if (registration) {
    for (const path of Object.keys(registrationProblems(registration, clock.now()))) {
      const field = FIELD_OF_PATH[path] ?? null;
      problems.add('invalid_value', field, field === null ? path : (text(field) ?? ''));
    }
  }
  if (problems.list.length > 0 || registration === null || received === null) return null;
  return {
    rowNumber: row.rowNumber,
    externalId,
    registration,
    receivedDate: received.date,
    status: status as CaseStatus,
    resolutionType: resolutionType as ImportRecord['resolutionType'],
    informedDate,
    decidedDate,
    isOnTime,
  };
}

/** Without an id column, a row is known by its content: re-importing the same file adds nothing. */
function contentKey(cells: string[]): string {
  return 'sha256:' + crypto.createHash('sha256').update(JSON.stringify(cells)).digest('hex').slice(0, 32);
}

function readDate(
  texts: Map<ImportField, string>,
  field: ImportField,
  compiled: CompiledMapping,
  problems: RowProblems,
) {
  const value = texts.get(field);
  if (value === undefined) return null;
  const format = compiled.columns.find((c) => c.field === field)?.dateFormat ?? compiled.mapping.dateFormat;
  const result = parseDate(value, format);
  if (result.ok) return result.value;
  problems.add(result.problem, field, value);
  return null;
}

function readCode(
  value: string | null,
  taxonomy: TaxonomyCodes,
  scheme: Dimension,
  field: ImportField,
  problems: RowProblems,
): string | null {
  if (value === null) {
    problems.add('required', field);
    return null;
  }
  const code = value.startsWith('@') ? taxonomy.resolve(scheme, value.slice(1)) : value;
  if (code === null || !taxonomy.isActive(scheme, code)) {
    problems.add('unknown_code', field, value);
    return null;
  }
  return code;
}

function readEnum(
  value: string | null,
  allowed: ReadonlySet<string>,
  field: ImportField,
  problems: RowProblems,
): string | null {
  if (value === null) return null;
  if (allowed.has(value)) return value;
  problems.addChoice(field, value, allowed);
  return null;
}

function readBoolean(value: string | null, field: ImportField, problems: RowProblems): boolean | null {
  if (value === null) return null;
  const key = value.trim().toLowerCase();
  if (TRUE_WORDS.has(key)) return true;
  if (FALSE_WORDS.has(key)) return false;
  problems.add('invalid_boolean', field, value);
  return null;
}

/** Yuan as people write it → whole fen, with the one parser the form uses. */
function readAmount(value: string | null, problems: RowProblems): number | null {
  if (value === null) return null;
  const fen = parseYuanToFen(value);
  if (fen === undefined) problems.add('invalid_number', 'amount', value);
  return fen ?? null;
}

function splitTags(value: string | null): string[] {
  if (value === null) return [];
  return [
    ...new Set(
      value
        .split(/[,，、;；]/)
        .map((t) => t.trim())
        .filter((t) => t !== ''),
    ),
  ];
}
