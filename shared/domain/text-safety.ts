/**
 * Text that reaches the archive and the terminal. Free text keeps newlines and tabs but loses the
 * other C0 and C1 control characters (NUL, BEL, ESC of ANSI sequences, …), which no form needs and
 * which can rewrite what a terminal shows. Bidirectional overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) make `6222…1234` display as something else: refused in names and numbers.
 * https://unicode.org/reports/tr9/#Explicit_Directional_Overrides
 */

function isStrippedControl(code: number): boolean {
  if (code === 0x09 || code === 0x0a) return false;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function isBidiControl(code: number): boolean {
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** Drops C0/C1 control characters except newline and tab; `\r\n` becomes `\n`. */
export function stripControls(text: string): string {
  let out = '';
  for (const char of text.replace(/\r\n/g, '\n')) {
    if (!isStrippedControl(char.codePointAt(0) ?? 0)) out += char;
  }
  return out;
}

export function hasBidiControl(text: string): boolean {
  for (const char of text) if (isBidiControl(char.codePointAt(0) ?? 0)) return true;
  return false;
}

/**
 * What a terminal may be given: every control character (newline and tab aside) and every
 * bidirectional control written as a visible `\uXXXX` escape, so stored text can neither move
 * the cursor nor reorder what is shown. The same escape is valid inside a JSON string, so
 * `--json` output stays parseable.
 */
export function escapeForTerminal(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const isUnsafe = isStrippedControl(code) || isBidiControl(code) || code === 0x200e || code === 0x200f;
    out += isUnsafe ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return out;
}
