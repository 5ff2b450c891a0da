import { parseArgs } from 'node:util';

/**
 * A bench's command line in one shape: `--name value` numbers and words with their defaults, and
 * `--name` flags. A count that is not a whole number ≥ 0 or an unknown option is a usage error: one
 * line and exit 2 (a bench run on NaN cases would print figures for nothing).
 *
 *   const values = benchOptions({ numbers: { cases: 3000, others: undefined }, words: { modes: 'a,b' } });
 *   values.cases; // number — values.others: number | undefined (not given) — values.modes: string
 */
export interface BenchOptionSpec {
  /** Whole numbers ≥ 0; `undefined` = none unless given. */
  numbers?: Record<string, number | undefined>;
  words?: Record<string, string | undefined>;
  flags?: readonly string[];
}

type Given<T, V> = { [K in keyof T]: undefined extends T[K] ? V | undefined : V };
type FlagsOf<S extends BenchOptionSpec> = S['flags'] extends readonly (infer F extends string)[]
  ? { [K in F]: boolean }
  : unknown;
export type BenchOptions<S extends BenchOptionSpec> = Given<S['numbers'], number> &
  Given<S['words'], string> &
  FlagsOf<S>;

export function benchOptions<const S extends BenchOptionSpec>(
  spec: S,
  args: string[] = process.argv.slice(2),
): BenchOptions<S> {
  try {
    return parseBenchOptions(spec, args);
  } catch (error) {
    console.error(`bench: ${(error as Error).message}`);
    process.exit(2);
  }
}

/** `benchOptions` without the exit: throws on a usage error (tests). */
export function parseBenchOptions<const S extends BenchOptionSpec>(spec: S, args: string[]): BenchOptions<S> {
  const valued = [...Object.keys(spec.numbers ?? {}), ...Object.keys(spec.words ?? {})];
  const options = Object.fromEntries([
    ...valued.map((name) => [name, { type: 'string' as const }]),
    ...(spec.flags ?? []).map((name) => [name, { type: 'boolean' as const }]),
  ]);
  const { values } = parseArgs({ args, options, strict: true, allowPositionals: false });
  const given = values as Record<string, string | boolean | undefined>;
  const result: Record<string, number | string | boolean | undefined> = {};
  for (const [name, fallback] of Object.entries(spec.numbers ?? {})) {
    const text = given[name] as string | undefined;
    result[name] = text === undefined ? fallback : wholeNumber(name, text);
  }
  for (const [name, fallback] of Object.entries(spec.words ?? {})) {
    result[name] = (given[name] as string | undefined) ?? fallback;
  }
  for (const name of spec.flags ?? []) result[name] = given[name] === true;
  return result as BenchOptions<S>;
}

function wholeNumber(name: string, text: string): number {
  const n = Number(text.replace(/_/g, ''));
  if (text.trim() === '' || !Number.isSafeInteger(n) || n < 0) {
    throw new Error(`--${name} takes a whole number ≥ 0, not "${text}"`);
  }
  return n;
}
