/**
 * The fonts a PDF names and whether their programs are inside it, read from the file itself (no
 * pdffonts needed): Chromium writes font dictionaries uncompressed, `/BaseFont /ABCDEF+Name` for
 * a subset and `/FontFile2` (TrueType) or `/FontFile3` for each embedded program.
 */
export function pdfFonts(pdf: Buffer): { names: string[]; embeddedPrograms: number } {
  const text = pdf.toString('latin1');
  const names = [...new Set([...text.matchAll(/\/BaseFont\s*\/([^\s/<>[\]]+)/g)].map((m) => m[1] ?? ''))];
  const embeddedPrograms = (text.match(/\/FontFile[23]?\s/g) ?? []).length;
  return { names, embeddedPrograms };
}
