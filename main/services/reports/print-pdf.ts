import crypto from 'node:crypto';
import fs from 'node:fs';
import { chromiumPrinter, type PdfPrinter } from './chromium-printer';

/**
 * Prints a self-contained page (its font embedded: embedded-font.ts) to `filePath` without the
 * browser's header and footer, and returns the file's SHA-256 — what letters and certificates
 * record in their history event, so a printed copy can be matched to its record.
 */
export async function printPdfFile(
  html: string,
  filePath: string,
  printer: PdfPrinter = chromiumPrinter(),
): Promise<{ sha256: string; bytes: number }> {
  await printer.print(html, filePath, { headerTemplate: '<div></div>', footerTemplate: '<div></div>' });
  const pdf = fs.readFileSync(filePath);
  return { sha256: crypto.createHash('sha256').update(pdf).digest('hex'), bytes: pdf.length };
}
