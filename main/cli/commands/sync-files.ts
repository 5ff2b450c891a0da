import fs from 'node:fs';

/** Written under a temporary name and renamed: a bundle on a stick is whole or absent, never half. */
export function writeFileAtomically(file: string, text: string): void {
  const temporary = `${file}.partial`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}
