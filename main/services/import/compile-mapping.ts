import {
  JOINABLE_FIELDS,
  type ColumnMapping,
  type ImportField,
  type ImportMapping,
} from '../../../shared/domain/import';
import { importFileError } from './import-errors';

/** One mapping entry bound to its column position in this file's header. */
export interface BoundColumn {
  index: number;
  column: string;
  field: ImportField;
  /** Lower-cased, trimmed source value → target value. */
  values: Map<string, string> | null;
  otherwise: string | undefined;
  ifEmpty: string | undefined;
  dateFormat: ColumnMapping['dateFormat'];
}

export interface CompiledMapping {
  mapping: ImportMapping;
  header: string[];
  columns: BoundColumn[];
  /** Field → header text of the first column feeding it, for problem reports. */
  columnOfField: Map<ImportField, string>;
  joinable: ReadonlySet<ImportField>;
}

export function normaliseHeader(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();
}

/** Refuses a header that names one column twice: which of the two to read would be a guess. */
export function checkHeader(header: string[]): void {
  const seen = new Map<string, number>();
  header.forEach((text, index) => {
    const key = normaliseHeader(text);
    if (key === '') return;
    const first = seen.get(key);
    if (first !== undefined) {
      throw importFileError('duplicate_header', { column: text.trim(), first: first + 1, second: index + 1 });
    }
    seen.set(key, index);
  });
}

/**
 * Binds a mapping to a header. Every column the mapping needs must be there, except those marked
 * optional (newer CFPB exports drop "Consumer consent provided?" and "Consumer disputed?").
 */
export function compileMapping(mapping: ImportMapping, header: string[]): CompiledMapping {
  checkHeader(header);
  const positions = new Map(header.map((text, index) => [normaliseHeader(text), index]));
  const missing: string[] = [];
  const columns: BoundColumn[] = [];
  const columnOfField = new Map<ImportField, string>();
  for (const entry of mapping.columns) {
    const index = positions.get(normaliseHeader(entry.column));
    if (index === undefined) {
      if (!entry.isOptional) missing.push(entry.column);
      continue;
    }
    const column = header[index]?.trim() ?? entry.column;
    if (!columnOfField.has(entry.field)) columnOfField.set(entry.field, column);
    columns.push({
      index,
      column,
      field: entry.field,
      values: entry.values
        ? new Map(Object.entries(entry.values).map(([from, to]) => [from.trim().toLowerCase(), to]))
        : null,
      otherwise: entry.otherwise,
      ifEmpty: entry.ifEmpty,
      dateFormat: entry.dateFormat,
    });
  }
  if (missing.length > 0) throw importFileError('missing_columns', { columns: missing.join(', ') });
  return { mapping, header, columns, columnOfField, joinable: new Set(JOINABLE_FIELDS) };
}

/** Does this header carry every required column of the mapping? (Used to offer presets.) */
export function mappingFits(mapping: ImportMapping, header: string[]): boolean {
  const present = new Set(header.map(normaliseHeader));
  return mapping.columns.every((entry) => entry.isOptional || present.has(normaliseHeader(entry.column)));
}
