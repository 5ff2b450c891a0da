import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createHeapBudget } from '../../../main/services/import/heap-budget';

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
});
