import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** docs/PERFORMANCE.md, where every bench writes its figures. */
export const PERFORMANCE_DOC = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'docs',
  'PERFORMANCE.md',
);

const HEADER =
  '# Performance\n\nFigures written by the benchmarks; each bench replaces only its own section.\n';

/**
 * Writes one bench's section: the text between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`,
 * markers included, is replaced by `body` wrapped in them. A section not there yet goes before the
 * section named `before` (when there is one) or at the end. Other sections, and whatever stands
 * between sections, stay as they are.
 */
export function writeBenchSection(
  name: string,
  body: string,
  options: { file?: string; before?: string } = {},
): void {
  const file = options.file ?? PERFORMANCE_DOC;
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const section = `${begin}\n${body.trim()}\n${end}`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : HEADER;
  const start = current.indexOf(begin);
  const stop = current.indexOf(end, start);
  let next: string;
  if (start !== -1 && stop !== -1) {
    next = current.slice(0, start) + section + current.slice(stop + end.length);
  } else {
    const anchor = options.before === undefined ? -1 : current.indexOf(`<!-- bench:${options.before} -->`);
    next =
      anchor === -1
        ? `${current.trimEnd()}\n\n${section}\n`
        : `${current.slice(0, anchor)}${section}\n\n${current.slice(anchor)}`;
  }
  fs.writeFileSync(file, next);
}
