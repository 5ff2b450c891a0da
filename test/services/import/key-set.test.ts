import { describe, expect, it } from 'vitest';
import { ExternalIdSet } from '../../../main/services/import/key-set';

describe('ExternalIdSet (the import reader seen-ids set)', () => {
  it('answers like a Set<string> for many ids, through every growth of its table and buffer', () => {
    const set = new ExternalIdSet();
    const reference = new Set<string>();
    const ids = Array.from({ length: 50_000 }, (_, i) =>
      i % 7 === 0 ? `投诉-${i % 9_000}` : String(i % 30_000),
    );
    for (const id of ids) {
      expect(set.add(id)).toBe(!reference.has(id));
      reference.add(id);
    }
    expect(set.size).toBe(reference.size);
  });

  it('tells apart ids that share bytes or differ only in length', () => {
    const set = new ExternalIdSet();
    for (const id of ['', 'a', 'ab', 'a b', 'ab ', 'AB', 'é', 'e\u0301']) expect(set.add(id)).toBe(true);
    for (const id of ['', 'ab', 'é']) expect(set.add(id)).toBe(false);
  });
});
