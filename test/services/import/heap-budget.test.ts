import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { collectGarbageNow, createHeapBudget } from '../../../main/services/import/heap-budget';

const usedHeap = () => v8.getHeapStatistics().used_heap_size;

/** ~`megabytes` of small objects that live long enough to reach the old generation, then are dropped. */
function leaveGarbage(megabytes: number): number {
  fillRecords(megabytes * 10_000);
  return usedHeap();
}

/** The records are unreachable once this returns. */
function fillRecords(count: number): number {
  const records: { id: number; text: string }[] = [];
  for (let i = 0; i < count; i++) records.push({ id: i, text: `record ${i}` });
  return records.length;
}

describe('the import heap budget', () => {
  it('collects garbage once the heap is past the budget', () => {
    const before = leaveGarbage(60);
    expect(createHeapBudget(before / 2).check()).toBe(true);
    expect(before - usedHeap()).toBeGreaterThan(30 * 1024 * 1024);
  });

  it('does not collect again until garbage past the headroom has built up, when the live heap is over budget', () => {
    leaveGarbage(40);
    const budget = createHeapBudget(1, 32 * 1024 * 1024);
    expect(budget.check()).toBe(true);
    expect(budget.check()).toBe(false);
    leaveGarbage(60);
    expect(budget.check()).toBe(true);
  });

  it('collectGarbageNow gives the freed pages back to the system, which a plain full collection keeps', () => {
    const budget = createHeapBudget(1, 0);
    leaveGarbage(200);
    expect(budget.check()).toBe(true); // a plain full collection: the garbage is gone from the heap…
    const afterPlain = process.memoryUsage().rss;
    collectGarbageNow();
    const afterRelease = process.memoryUsage().rss;
    // …but its pages stayed resident until now (the import's index rebuild needs that memory).
    expect(afterPlain - afterRelease).toBeGreaterThan(50 * 1024 * 1024);
  });

  it('with releasePages, its own collections give the pages back too (the import threads use it)', () => {
    leaveGarbage(200);
    expect(createHeapBudget(1, 0).check()).toBe(true); // plain: the pages stay resident
    const afterPlain = process.memoryUsage().rss;
    expect(createHeapBudget(1, 0, { releasePages: true }).check()).toBe(true);
    expect(afterPlain - process.memoryUsage().rss).toBeGreaterThan(50 * 1024 * 1024);
  });

  it('leaves the heap alone below the budget', () => {
    const before = leaveGarbage(20);
    expect(createHeapBudget(before * 4).check()).toBe(false);
    expect(usedHeap()).toBeGreaterThanOrEqual(before);
  });

  it('leaves --expose-gc off for contexts made later (a worker thread bootstrapping printed to stdout)', () => {
    const before = leaveGarbage(20);
    expect(createHeapBudget(before / 2).check()).toBe(true);
    expect(vm.runInNewContext('typeof gc')).toBe('undefined');
  });

  it('turns V8 flags only when the first budget is made (an import starting), on and off at once', async () => {
    vi.resetModules();
    const setFlags = vi.spyOn(v8, 'setFlagsFromString');
    try {
      const fresh = await import('../../../main/services/import/heap-budget');
      expect(setFlags).not.toHaveBeenCalled(); // loading the module (every CLI command, the app) does nothing
      fresh.createHeapBudget();
      expect(setFlags.mock.calls).toEqual([['--expose-gc'], ['--no-expose-gc']]);
      fresh.createHeapBudget();
      fresh.collectGarbageNow();
      expect(setFlags).toHaveBeenCalledTimes(2); // fetched once per process
    } finally {
      setFlags.mockRestore();
    }
  });
});
