import type { ImportField, ImportProblem } from '../../../shared/domain/import';
import type { CompiledMapping } from './compile-mapping';
import type { RawRow } from './csv-parser';
import type { Clock } from '../context';
import { convertFields, type ImportRecord } from './import-record';
import { RowProblems } from './row-problems';
import type { TaxonomyCodes } from './taxonomy-codes';

export type MapResult = { ok: true; record: ImportRecord } | { ok: false; problems: ImportProblem[] };

/**
 * Turns one record of the file into an ImportRecord, or lists every problem in it (not only the
 * first), so a dry run tells a person everything to fix in one go.
 */
export function mapRow(
  compiled: CompiledMapping,
  row: RawRow,
  taxonomy: TaxonomyCodes,
  clock: Clock,
): MapResult {
  const problems = new RowProblems(row.rowNumber, compiled);
  if (row.cutOffColumn !== undefined) {
    const column = compiled.header[row.cutOffColumn] ?? `#${row.cutOffColumn + 1}`;
    problems.add('cut_off', null, '', column);
    return { ok: false, problems: problems.list };
  }
  if (row.cells.length !== compiled.header.length) {
    problems.add('column_count', null, `${row.cells.length}/${compiled.header.length}`);
  }
  if (row.oversizeColumn !== undefined) {
    // The cell was cut while reading; checking the cut text would only add misleading problems.
    problems.add(
      'cell_too_large',
      null,
      row.cellLimit === undefined ? '' : row.cellLimit.toLocaleString('en-US'),
      compiled.header[row.oversizeColumn] ?? `#${row.oversizeColumn + 1}`,
    );
    return { ok: false, problems: problems.list };
  }
  const texts = collectTexts(compiled, row, problems);
  const record = convertFields(texts, compiled, row, taxonomy, problems, clock);
  if (problems.list.length > 0 || record === null) return { ok: false, problems: problems.list };
  return { ok: true, record };
}

/** Field → text after value maps, joining columns that share a text field. */
function collectTexts(
  compiled: CompiledMapping,
  row: RawRow,
  problems: RowProblems,
): Map<ImportField, string> {
  const texts = new Map<ImportField, string>();
  for (const bound of compiled.columns) {
    const raw = (row.cells[bound.index] ?? '').trim();
    let value: string;
    if (raw === '') value = bound.ifEmpty ?? '';
    else if (bound.values === null) value = raw;
    else {
      const mapped = bound.values.get(raw.toLowerCase()) ?? bound.otherwise;
      if (mapped === undefined) {
        problems.add('unmapped_value', bound.field, raw, bound.column);
        continue;
      }
      value = mapped;
    }
    if (value === '') continue;
    const previous = texts.get(bound.field);
    if (previous === undefined) texts.set(bound.field, value);
    else if (compiled.joinable.has(bound.field)) {
      texts.set(
        bound.field,
        `${previous}${bound.field === 'tags' ? ',' : compiled.mapping.joinWith}${value}`,
      );
    }
  }
  for (const [field, value] of Object.entries(compiled.mapping.constants) as [ImportField, string][]) {
    if (!texts.has(field) && value !== '') texts.set(field, value);
  }
  return texts;
}
