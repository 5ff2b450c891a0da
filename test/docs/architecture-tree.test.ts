import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 14: docs/ARCHITECTURE.md "shows the layout in a short tree". The tree must name every
 * folder of the checkout's top level and every domain folder of shared/, main/, main/services/ and
 * hq/, so a folder added without a line there fails here (shared/sync, shared/auth and
 * main/services/handover were missing).
 */
const REPO = path.resolve(import.meta.dirname, '..', '..');
const IGNORED = new Set(['node_modules', 'dist', '.git', '.ci', 'coverage']);

function folders(relative: string): string[] {
  return fs
    .readdirSync(path.join(REPO, relative), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !IGNORED.has(entry.name) && !entry.name.startsWith('.'))
    .map((entry) => entry.name);
}

function tree(): string {
  const doc = fs.readFileSync(path.join(REPO, 'docs', 'ARCHITECTURE.md'), 'utf8');
  const layout = doc.slice(doc.indexOf('## Layout'));
  return layout.slice(layout.indexOf('```') + 3, layout.indexOf('```', layout.indexOf('```') + 3));
}

/** `name/` as a word of the tree (at a line's start or after a space). */
const named = (text: string, name: string) => new RegExp(`(^|\\s)${name}/`, 'm').test(text);

describe('docs/ARCHITECTURE.md', () => {
  it('names every top-level folder and every domain folder in its tree', () => {
    const text = tree();
    const missing = [
      ...folders('.').filter((name) => !named(text, name)),
      ...['shared', 'main', 'main/services', 'hq'].flatMap((parent) =>
        folders(parent)
          .filter((name) => !named(text, name))
          .map((name) => `${parent}/${name}`),
      ),
    ];
    expect(missing).toEqual([]);
  });
});
