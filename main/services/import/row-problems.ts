import type { ImportField, ImportProblem, ImportProblemCode } from '../../../shared/domain/import';
import type { CompiledMapping } from './compile-mapping';

/** Collects a row's problems; each names the column a person would look at. */
export class RowProblems {
  readonly list: ImportProblem[] = [];
  constructor(
    private readonly row: number,
    private readonly compiled: CompiledMapping,
  ) {}

  add(code: ImportProblemCode, field: ImportField | null, detail = '', column?: string): void {
    const name = column ?? (field === null ? null : (this.compiled.columnOfField.get(field) ?? field));
    this.list.push({ row: this.row, column: name, code, detail: detail.slice(0, 100) });
  }

  /** A value that is not one of a choice's codes: the message lists them (shared/i18n/allowed-values.ts). */
  addChoice(field: ImportField, detail: string, allowed: Iterable<string>): void {
    this.add('invalid_choice', field, detail);
    this.list[this.list.length - 1]!.allowed = [...allowed];
  }
}
