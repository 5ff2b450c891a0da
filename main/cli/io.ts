import { escapeForTerminal } from '../../shared/domain/text-safety';
import { cliMessages } from '../../shared/i18n/cli';
import { interpolate, localeFromEnv, type Locale } from '../../shared/i18n/define';
import { promptHidden, promptLine } from './prompt';

export type CliText = (typeof cliMessages)[Locale];

/**
 * Everything a command touches outside the archive: output streams, standard input, environment,
 * prompts and the messages in the chosen language. Commands receive it instead of using `process`,
 * so command modules stay testable and one place decides where output goes.
 */
export interface CliIo {
  locale: Locale;
  text: CliText;
  /** Fills {{placeholders}} of a message from `text`. */
  say(template: string, params?: Record<string, string | number>): string;
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Standard input and error are a terminal: prompts are possible. */
  isInteractive: boolean;
  readStdin(): Promise<string>;
  promptLine(label: string): Promise<string>;
  /** Reads a line without echoing it (passwords). */
  promptHidden(label: string): Promise<string>;
}

/** `--lang` (zh* or en*) wins over LC_ALL/LC_MESSAGES/LANG, which give English only for en*. */
export function localeFrom(argv: readonly string[], env: NodeJS.ProcessEnv): Locale | { invalid: string } {
  const index = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  if (index >= 0) {
    const arg = argv[index] ?? '';
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (argv[index + 1] ?? '');
    if (/^zh/i.test(value)) return 'zh-CN';
    if (/^en/i.test(value)) return 'en';
    return { invalid: value };
  }
  return localeFromEnv(env);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export function createProcessIo(locale: Locale): CliIo {
  return {
    locale,
    text: cliMessages[locale],
    say: (template, params) => interpolate(template, params),
    // Whatever a case holds, the terminal gets no control sequence (text-safety.ts).
    out: (line) => process.stdout.write(`${escapeForTerminal(line)}\n`),
    err: (line) => process.stderr.write(`${escapeForTerminal(line)}\n`),
    env: process.env,
    isInteractive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    readStdin: () => readAll(process.stdin),
    promptLine: (label) => promptLine(label),
    promptHidden: (label) => promptHidden(label),
  };
}
