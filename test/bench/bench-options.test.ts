import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from '../../scripts/bench/bench-options';

const spec = {
  numbers: { cases: 3000, others: undefined },
  words: { modes: 'thread,baseline', worker: undefined },
  flags: ['no-baseline'],
} as const;

describe('bench options (scripts/bench/bench-options.ts)', () => {
  it('gives the defaults, then what the command line says, numbers as numbers', () => {
    expect(parseBenchOptions(spec, [])).toEqual({
      cases: 3000,
      others: undefined,
      modes: 'thread,baseline',
      worker: undefined,
      'no-baseline': false,
    });
    const given = parseBenchOptions(spec, [
      '--cases',
      '100_000',
      '--others=7',
      '--worker',
      'tsx',
      '--no-baseline',
    ]);
    expect(given).toEqual({
      cases: 100000,
      others: 7,
      modes: 'thread,baseline',
      worker: 'tsx',
      'no-baseline': true,
    });
  });

  it('refuses a count that is not a whole number and an unknown option, naming it', () => {
    expect(() => parseBenchOptions(spec, ['--cases', 'lots'])).toThrow(
      '--cases takes a whole number ≥ 0, not "lots"',
    );
    expect(() => parseBenchOptions(spec, ['--cases', '-3'])).toThrow('--cases');
    expect(() => parseBenchOptions(spec, ['--others', '1.5'])).toThrow('--others');
    expect(() => parseBenchOptions(spec, ['--case', '10'])).toThrow(/case/);
  });
});
