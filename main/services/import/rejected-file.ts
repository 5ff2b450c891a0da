import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { ImportProblem } from '../../../shared/domain/import';
import type { Locale } from '../../../shared/i18n/define';
import { importMessages, importProblemMessage } from '../../../shared/i18n/import';

export function rejectedFilePath(source: string): string {
  return `${source}.rejected.csv`;
}

/**
 * `<source>.rejected.csv`: the rejected rows as they were, plus row number, columns and reasons.
 * UTF-8 with a BOM so Excel on a Chinese Windows opens it without garbling. Written to a temporary
 * name and renamed only when the import commits, so a failed import leaves no such file behind.
 */
export class RejectedFile {
  private fd: number | null = null;
  private readonly temporary: string;
  readonly path: string;

  constructor(
    source: string,
    private readonly header: readonly string[],
    private readonly locale: Locale,
  ) {
    this.path = rejectedFilePath(source);
    this.temporary = `${this.path}.partial`;
  }

  add(cells: readonly string[], problems: readonly ImportProblem[]): void {
    if (this.fd === null) {
      this.fd = fs.openSync(this.temporary, 'w', 0o600);
      const names = importMessages[this.locale].rejectedHeader;
      fs.writeSync(this.fd, '\uFEFF' + stringify([[...this.header, names.row, names.column, names.reason]]));
    }
    const row = problems[0]?.row ?? 0;
    const columns = [...new Set(problems.map((p) => p.column ?? ''))].filter((c) => c !== '').join('; ');
    const reasons = problems.map((p) => importProblemMessage(p, this.locale)).join('; ');
    fs.writeSync(this.fd, stringify([[...cells, String(row), columns, reasons]]));
  }

  get hasRows(): boolean {
    return this.fd !== null;
  }

  /** Makes the file visible; returns its path, or null when no row was rejected. */
  commit(): string | null {
    if (this.fd === null) return null;
    fs.closeSync(this.fd);
    this.fd = null;
    fs.renameSync(this.temporary, this.path);
    return this.path;
  }

  discard(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    fs.rmSync(this.temporary, { force: true });
  }
}
