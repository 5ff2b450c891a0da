import type {
  ColumnMapping,
  ImportField,
  ImportMappingInput,
  ImportPreview,
} from '../../../shared/domain/import';

/**
 * Pure helpers of the import wizard's mapping step: the preview and the current mapping become one
 * row per source column; a field chosen in a row becomes a new mapping. No DOM, no IPC.
 */
type ColumnEntry = ImportMappingInput['columns'][number];

export interface MappingRow {
  /** Header text as in the file. */
  column: string;
  /** Position in the header, to pick the sample cell. */
  index: number;
  sample: string;
  /** The field the row's select shows; null: not imported. */
  field: ImportField | null;
  /** Further fields the same column feeds (CFPB's company response → status and resolution type). */
  extraFields: ImportField[];
  /** Value maps of the column's entries that have one, shown read-only. */
  valueMaps: ValueMapView[];
}

export interface ValueMapView {
  field: ImportField;
  values: Record<string, string>;
  otherwise: string | undefined;
  ifEmpty: string | undefined;
}

function valueMapOf(entry: ColumnEntry): ValueMapView[] {
  const values = entry.values ?? {};
  const hasMap =
    Object.keys(values).length > 0 || entry.otherwise !== undefined || entry.ifEmpty !== undefined;
  return hasMap ? [{ field: entry.field, values, otherwise: entry.otherwise, ifEmpty: entry.ifEmpty }] : [];
}

/** Header texts are compared as the service compares them: trimmed, case-insensitive, no BOM. */
export function sameColumn(a: string, b: string): boolean {
  const normal = (text: string) =>
    text
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase();
  return normal(a) === normal(b);
}

/** A mapping from the header suggestions: what the wizard offers when no preset is chosen. */
export function mappingFromSuggestions(preview: ImportPreview, source: string): ImportMappingInput {
  return {
    source,
    columns: preview.suggestions.map((suggestion) => ({
      column: suggestion.column,
      field: suggestion.field,
    })),
  };
}

/** One row per header column, with its first data cell and what the mapping makes of it. */
export function mappingRows(preview: ImportPreview, mapping: ImportMappingInput): MappingRow[] {
  const firstRow = preview.rows[0]?.cells ?? [];
  return preview.header.map((column, index) => {
    const entries = mapping.columns.filter((entry) => sameColumn(entry.column, column));
    const first = entries[0];
    return {
      column,
      index,
      sample: firstRow[index] ?? '',
      field: first?.field ?? null,
      extraFields: entries.slice(1).map((entry) => entry.field),
      valueMaps: entries.flatMap(valueMapOf),
    };
  });
}

/**
 * The mapping with `column` feeding `field` (null: not imported). Only the column's first entry
 * changes; its value map goes when the field does, because values meant for one field (taxonomy
 * codes, statuses) mean nothing for another. Entries of other columns, constants and the rest stay.
 */
export function setColumnField(
  mapping: ImportMappingInput,
  column: string,
  field: ImportField | null,
): ImportMappingInput {
  const position = mapping.columns.findIndex((entry) => sameColumn(entry.column, column));
  if (field === null) {
    return { ...mapping, columns: mapping.columns.filter((entry) => !sameColumn(entry.column, column)) };
  }
  if (position === -1) return { ...mapping, columns: [...mapping.columns, { column, field }] };
  const current = mapping.columns[position] as ColumnEntry;
  if (current.field === field) return mapping;
  const columns = [...mapping.columns];
  columns[position] = { column: current.column, field, isOptional: current.isOptional };
  return { ...mapping, columns };
}

/** Entries whose column the file lacks (optional columns of a preset): kept, but not shown. */
export function hiddenEntries(
  preview: ImportPreview,
  mapping: ImportMappingInput,
): ColumnMapping['column'][] {
  return mapping.columns
    .filter((entry) => !preview.header.some((column) => sameColumn(column, entry.column)))
    .map((entry) => entry.column);
}

/** A default source name from the file name: `2024年台账.csv` → `2024年台账`. */
export function sourceFromPath(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[^.]*$/, '').trim();
  return (stem || 'ledger').slice(0, 60);
}

/** Paths the host can open without guessing a working folder: POSIX, drive letter or UNC. */
export function isAbsolutePath(file: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(file.trim());
}

export const PRESET_NAME_PATTERN = /^[\w.-]{1,60}$/;

/** A preset name suggested from the source name, in the characters a preset name allows. */
export function presetNameFrom(source: string): string {
  const ascii = source
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return ascii || 'ledger';
}
