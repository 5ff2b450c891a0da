import { z } from 'zod';

/**
 * Importing ledgers that branches already keep (CSV, XLSX) and public data such as the CFPB
 * complaint database. A mapping says which column feeds which case field and how its values turn
 * into taxonomy codes and statuses; a preset is a named, saved mapping. See docs/IMPORT.md.
 */

/** Case fields a column can feed. Dotted names follow shared/domain/case.ts. */
export const IMPORT_FIELDS = [
  'externalId',
  'complainant.name',
  'complainant.phone',
  'complainant.idNumber',
  'complainant.address',
  'complainant.isElderly',
  'request',
  'facts',
  'grounds',
  'productName',
  'accountNumber',
  'amount',
  'receivedAt',
  'channelCode',
  'businessCode',
  'causeCode',
  'respondent.unit',
  'status',
  'resolutionType',
  'informedDate',
  'decidedDate',
  'isOnTime',
  'priority',
  'tags',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Fields whose several source columns are joined into one text (e.g. Issue + Sub-issue). */
export const JOINABLE_FIELDS: readonly ImportField[] = [
  'request',
  'facts',
  'grounds',
  'productName',
  'complainant.address',
  'tags',
];

export const DATE_FORMATS = ['auto', 'iso', 'mdy', 'dmy', 'ymd', 'excel'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const columnMappingSchema = z
  .object({
    /** Header text as it appears in the file (compared trimmed and case-insensitively). */
    column: z.string().min(1),
    field: z.enum(IMPORT_FIELDS),
    /** Source value → target value (a taxonomy code, a status, 'true'/'false' …). */
    values: z.record(z.string(), z.string()).optional(),
    /** Target value for a non-empty source value the map does not list; absent → the row is rejected. */
    otherwise: z.string().optional(),
    /** Target value when the cell is empty. */
    ifEmpty: z.string().optional(),
    /** A column a newer or older export may lack; missing → the field is simply not set. */
    isOptional: z.boolean().default(false),
    dateFormat: z.enum(DATE_FORMATS).optional(),
  })
  .strict();
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

export const importMappingSchema = z
  .object({
    /** Names the outside system: stored as the cases' `externalSource`, so a re-import finds its rows. */
    source: z.string().trim().min(1).max(60),
    columns: z.array(columnMappingSchema).min(1),
    /** Values for fields no column feeds (e.g. a fixed channel code for a whole ledger). */
    constants: z.partialRecord(z.enum(IMPORT_FIELDS), z.string()).default({}),
    dateFormat: z.enum(DATE_FORMATS).default('auto'),
    /** Name used when the file has none (CFPB is anonymised). {{externalId}} and {{row}} are filled in. */
    placeholderName: z.string().min(1).default('导入投诉人 #{{externalId}}'),
    /** Joins texts of several columns mapped to one field. */
    joinWith: z.string().default(' / '),
  })
  .strict();
export type ImportMapping = z.infer<typeof importMappingSchema>;
export type ImportMappingInput = z.input<typeof importMappingSchema>;

export const importPresetSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .regex(/^[\w.-]+$/, 'letters, digits, - _ . only'),
    label: z.object({ zh: z.string(), en: z.string() }),
    mapping: importMappingSchema,
    isBuiltIn: z.boolean().default(false),
  })
  .strict();
export type ImportPreset = z.infer<typeof importPresetSchema>;
export type ImportPresetInput = z.input<typeof importPresetSchema>;

export const IMPORT_MODES = ['all-or-nothing', 'skip-invalid'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export const IMPORT_ENCODINGS = ['auto', 'utf8', 'gb18030', 'utf16le'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];
export const DELIMITERS = ['auto', ',', ';', '\t', '|'] as const;

export const readOptionsSchema = z
  .object({
    encoding: z.enum(IMPORT_ENCODINGS).default('auto'),
    delimiter: z.enum(DELIMITERS).default('auto'),
    /** XLSX: the sheet to read; the first sheet when absent. */
    sheet: z.string().optional(),
    /** A single cell longer than this is a row problem, not a memory problem. */
    maxCellChars: z.number().int().positive().default(1_000_000),
  })
  .strict();
export type ReadOptions = z.infer<typeof readOptionsSchema>;
export type ReadOptionsInput = z.input<typeof readOptionsSchema>;

export const importOptionsSchema = readOptionsSchema.extend({
  mode: z.enum(IMPORT_MODES).default('all-or-nothing'),
  isDryRun: z.boolean().default(false),
  batchSize: z.number().int().min(1).max(100_000).default(5_000),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;
export type ImportOptionsInput = z.input<typeof importOptionsSchema>;

export const IMPORT_PROBLEMS = [
  'column_count',
  'cell_too_large',
  'cut_off',
  'required',
  'invalid_date',
  'nonexistent_date',
  'invalid_number',
  'invalid_boolean',
  'unmapped_value',
  'unknown_code',
  'invalid_value',
  'invalid_choice',
  'duplicate_key',
  'read_only_case',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEMS)[number];

export const importProblemSchema = z.object({
  /** Row as a spreadsheet shows it: the header is row 1. */
  row: z.number().int().positive(),
  /** Header text of the column at fault, or null when the row as a whole is at fault. */
  column: z.string().nullable(),
  code: z.enum(IMPORT_PROBLEMS),
  /** The offending value (cut to 100 characters) or other detail for the message. */
  detail: z.string(),
  /** For a choice (invalid_choice): the codes it allows, labelled in the reader's language when shown. */
  allowed: z.array(z.string()).optional(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

/** At most this many problems travel in a report; the rejected-rows file has them all. */
export const MAX_REPORTED_PROBLEMS = 1_000;

export const importReportSchema = z.object({
  file: z.string(),
  sha256: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  source: z.string(),
  mode: z.enum(IMPORT_MODES),
  isDryRun: z.boolean(),
  rowsRead: z.number().int().nonnegative(),
  validRows: z.number().int().nonnegative(),
  imported: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  problemCount: z.number().int().nonnegative(),
  problems: z.array(importProblemSchema),
  rejectedFile: z.string().nullable(),
  /** In the headless host: a download handle for the rejected-rows file (shared/ipc/channels/files.ts). */
  rejectedDownload: z.string().optional(),
  durationMs: z.number().nonnegative(),
  /** Cases the search index has still to take in after this import (main/services/cases/search-index.ts). */
  searchIndexPending: z.number().int().nonnegative(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const importProgressSchema = z.object({
  rowsDone: z.number().int().nonnegative(),
  rowsPerSecond: z.number().nonnegative(),
  /** From the bytes read so far; null until the rate is known. */
  secondsLeft: z.number().nonnegative().nullable(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export const importPreviewSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  header: z.array(z.string()),
  rows: z.array(z.object({ rowNumber: z.number().int(), cells: z.array(z.string()) })),
  /** Header index → suggested field, from header names in Chinese and English. */
  suggestions: z.array(z.object({ column: z.string(), field: z.enum(IMPORT_FIELDS) })),
  /** Built-in or saved presets whose required columns this header has. */
  matchingPresets: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;
