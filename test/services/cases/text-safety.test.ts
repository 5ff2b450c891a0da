import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerCase } from '../../../main/services/cases/register.service';
import { getCase } from '../../../main/services/cases/read.service';
import { escapeForTerminal, stripControls } from '../../../shared/domain/text-safety';
import { AppError } from '../../../shared/errors';
import { createArchiveFixture, type ArchiveFixture } from '../../helpers/archive-fixture';
import { registration } from '../../helpers/case-inputs';

/** The bad-input corpus entry for control characters (issue 13 item 12). */
const corpus = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'bad-input', 'control-characters.json'), 'utf8'),
) as Record<string, string>;

let f: ArchiveFixture;
beforeEach(() => {
  f = createArchiveFixture();
});
afterEach(() => f.close());

function fieldsOf(work: () => unknown): Record<string, string> {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).fields ?? {};
  }
  throw new Error('expected a refusal');
}

describe('control characters in what is stored (issue 13 item 12)', () => {
  it('free text loses NUL, BEL, ESC and C1 controls but keeps newlines and tabs', () => {
    expect(stripControls(corpus.narrativeWithControls!)).toBe(corpus.narrativeStripped);
    const created = registerCase(
      f.ctx('clerk'),
      registration({ request: corpus.narrativeWithControls!, complainant: { name: '王五' } }),
    );
    expect(getCase(f.ctx('handler'), created.id).record.request).toBe(corpus.narrativeStripped);
  });

  it('a name or account number with a bidi override is refused, nothing written', () => {
    const before = f.db.$client.prepare('SELECT count(*) FROM cases').pluck().get();
    expect(
      fieldsOf(() =>
        registerCase(f.ctx('clerk'), registration({ complainant: { name: corpus.nameWithBidi! } })),
      ),
    ).toEqual({ 'complainant.name': 'cases.validation.bidiControl' });
    expect(
      fieldsOf(() => registerCase(f.ctx('clerk'), registration({ accountNumber: corpus.accountWithBidi! }))),
    ).toEqual({ accountNumber: 'cases.validation.bidiControl' });
    expect(f.db.$client.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(before);
  });

  it('what the terminal is given has no control sequence left, and stays valid inside JSON', () => {
    const escaped = escapeForTerminal(corpus.nameWithAnsi! + corpus.nameWithBidi!);
    expect(escaped).toBe('李四\\u001b]0;pwned\\u0007张三\\u202e8765');
    expect(JSON.parse(`"${escaped}"`)).toBe(corpus.nameWithAnsi! + corpus.nameWithBidi!);
    expect(escapeForTerminal('第一行\n\t第二行')).toBe('第一行\n\t第二行');
  });
});
