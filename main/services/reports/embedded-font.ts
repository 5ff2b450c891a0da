import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The CJK font every PDF carries inside it (Noto Sans SC from @fontsource, SIL OFL), so letters
 * and reports print in Chinese on a machine with no Chinese font. @fontsource splits the font into
 * ~100 files by unicode range; a document embeds only the files whose range covers one of its
 * characters (a letter needs 10–20), as data: URLs, and Chromium subsets the glyphs into the PDF.
 */
export const EMBEDDED_FONT_FAMILY = 'Noto Sans SC';
const WEIGHTS = [400, 700] as const;

interface FontPiece {
  weight: number;
  file: string;
  ranges: [number, number][];
}

let pieces: FontPiece[] | null = null;

function parseRanges(text: string): [number, number][] {
  return text.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const start = parseInt(from ?? '0', 16);
    return [start, to === undefined ? start : parseInt(to, 16)];
  });
}

/** Reads the @font-face rules of the package's CSS once: file and unicode-range of each piece. */
function fontPieces(): FontPiece[] {
  if (pieces) return pieces;
  const require = createRequire(import.meta.url);
  const found: FontPiece[] = [];
  for (const weight of WEIGHTS) {
    const cssFile = require.resolve(`@fontsource/noto-sans-sc/${weight}.css`);
    const css = fs.readFileSync(cssFile, 'utf8');
    for (const rule of css.split('@font-face').slice(1)) {
      const url = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(rule)?.[1];
      const range = /unicode-range:\s*([^;]+);/.exec(rule)?.[1];
      if (!url || !range) continue;
      found.push({
        weight,
        file: path.join(path.dirname(cssFile), 'files', url),
        ranges: parseRanges(range),
      });
    }
  }
  pieces = found;
  return found;
}

function covers(piece: FontPiece, codePoints: ReadonlySet<number>): boolean {
  for (const code of codePoints) {
    if (piece.ranges.some(([from, to]) => code >= from && code <= to)) return true;
  }
  return false;
}

/** @font-face rules for the pieces `text` needs, fonts inline: the page fetches nothing. */
export function embeddedFontCss(text: string): string {
  const codePoints = new Set<number>();
  for (const char of text) codePoints.add(char.codePointAt(0) ?? 0);
  return fontPieces()
    .filter((piece) => covers(piece, codePoints))
    .map((piece) => {
      const data = fs.readFileSync(piece.file).toString('base64');
      const range = piece.ranges.map(([a, b]) =>
        a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`,
      );
      return `@font-face{font-family:'${EMBEDDED_FONT_FAMILY}';font-style:normal;font-weight:${piece.weight};src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range.join(',')};}`;
    })
    .join('\n');
}

/** The font stack of printed documents: the embedded font first, then whatever the system has. */
export const PRINT_FONT_STACK = `'${EMBEDDED_FONT_FAMILY}', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif`;

/**
 * Puts the font rules into a finished HTML document (before `</head>`): one call per document,
 * after all its text is known, so every character in it has its piece.
 */
export function withEmbeddedFont(html: string): string {
  return html.replace('</head>', `<style>${embeddedFontCss(html)}</style></head>`);
}
