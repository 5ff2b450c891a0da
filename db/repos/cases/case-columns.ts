import { getTableColumns } from 'drizzle-orm';
import { cases, type NewCaseRow } from '../../schema';

/**
 * The one map from a case row's properties (drizzle's camelCase, `NewCaseRow`) to the SQL columns of
 * `cases`, taken from the schema itself so a column added there is written by every path at once.
 * `row_no` is SQLite's to give.
 */
export type CaseProperty = Exclude<keyof NewCaseRow, 'rowNo'>;

interface CaseColumn {
  property: CaseProperty;
  name: string;
  /** The schema's static default (what a write that leaves the property out stores). */
  fallback: unknown;
}

export const CASE_COLUMNS: readonly CaseColumn[] = Object.entries(getTableColumns(cases))
  .filter(([property]) => property !== 'rowNo')
  .map(([property, column]) => ({
    property: property as CaseProperty,
    name: column.name,
    fallback: column.default,
  }));

const BY_PROPERTY = new Map(CASE_COLUMNS.map((column) => [column.property, column]));

export function columnOf(property: CaseProperty): CaseColumn {
  const column = BY_PROPERTY.get(property);
  if (!column) throw new Error(`cases has no column for ${property}`);
  return column;
}

/**
 * A value as SQLite stores it: booleans as 0/1, a property left out as the schema's default. The
 * one place every case value passes on its way to the file (sealing of personal data belongs here).
 */
export function toSqlValue(value: unknown, fallback: unknown = undefined): unknown {
  const given = value === undefined ? fallback : value;
  if (given === undefined) return null;
  if (typeof given === 'boolean') return given ? 1 : 0;
  return given;
}

/** `SELECT` list reading columns back under their property names. */
export function selectList(properties: readonly CaseProperty[]): string {
  return properties.map((property) => `${columnOf(property).name} AS "${property}"`).join(', ');
}
