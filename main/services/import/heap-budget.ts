import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Keeps a long import's JS heap near its live size. An import's live data is small (40–75 MB even at
 * 1,000,000 rows), but every row leaves ~4 KB of garbage in V8's old generation (records that lived
 * through a batch), and on a machine with plenty of RAM V8 lets that grow to 200–350 MB before a
 * full collection: enough to take a 1M-row import past its 500 MB budget (docs/PERFORMANCE.md,
 * bench:import). A heap cap (`--max-old-space-size`) would do it but can only be set when the process
 * starts, and the Electron main process must not run under one; so past `limitBytes` the import asks
 * for a full collection itself.
 *
 * `gc` is not exposed without `--expose-gc`; setting that flag at run time makes it visible in a new
 * context (the same route test runners take to measure leaks). Should it ever fail, the budget does
 * nothing rather than break the import. The flag is process-wide: left on, every context created
 * later installs V8's gc extension — a worker thread's bootstrap among them, where that can fail
 * and V8 prints the failure to stdout (it broke `redress --json import`'s output). So the flag is
 * turned off again within the same synchronous call, and `gc` is fetched once, by the first budget:
 * on the calling thread when an import run is set up (ImportRun's fields), before it starts its
 * reading thread; in a worker at the worker's own start. A process that never imports or restores
 * (most CLI commands, the app until the first import) never touches V8's flags.
 */
let collectGarbage: (() => void) | null | undefined;

function collector(): (() => void) | null {
  collectGarbage ??= exposedGc();
  return collectGarbage;
}

function exposedGc(): (() => void) | null {
  const global = (globalThis as { gc?: () => void }).gc;
  if (typeof global === 'function') return global; // started with --expose-gc (the benches)
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return null;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}

/** The default budget: above the live heap of a 1M-row import, well under the 500 MB process budget. */
export const IMPORT_HEAP_BUDGET_BYTES = 128 * 1024 * 1024;
/**
 * Garbage allowed on top of what survived the last collection. Without it, a process whose live heap
 * is already past the budget (the app's main process holding a large analytics cache) would run a
 * full collection after every batch; with it, at most one per 64 MB of garbage (~17,000 rows).
 */
const HEADROOM_BYTES = 64 * 1024 * 1024;

export interface HeapBudget {
  /** Collects garbage if the heap has grown past the budget; whether it did. */
  check(): boolean;
}

/**
 * `releasePages`: collect with `collectGarbageNow`, which also gives V8's freed pages back (the
 * import's threads: a plain collection left their heaps resident at their high-water marks, ~250 MB
 * of a 3M-case import's 544 MB peak). The restore keeps plain collections.
 */
export function createHeapBudget(
  limitBytes = IMPORT_HEAP_BUDGET_BYTES,
  headroomBytes = HEADROOM_BYTES,
  options: { releasePages?: boolean; oldGenerationOnly?: boolean } = {},
): HeapBudget {
  let threshold = limitBytes;
  const collect = collector(); // now, at the start of the run: not while its threads bootstrap
  const used = options.oldGenerationOnly ? usedOldGeneration : usedHeap;
  return {
    check() {
      if (used() <= threshold) return false;
      if (collect === null) return false;
      if (options.releasePages) collectGarbageNow();
      else collect();
      threshold = Math.max(limitBytes, used() + headroomBytes);
      return true;
    },
  };
}

function usedHeap(): number {
  return v8.getHeapStatistics().used_heap_size;
}

/**
 * The heap without its young generation: what only a full collection frees. A thread given a large
 * young generation (restore-thread.ts) fills it between scavenges; counted, that would call for a
 * full collection whenever it is full, which the scavenge would have freed for far less.
 */
function usedOldGeneration(): number {
  let used = 0;
  for (const space of v8.getHeapSpaceStatistics()) {
    if (!YOUNG_SPACES.has(space.space_name)) used += space.space_used_size;
  }
  return used;
}
const YOUNG_SPACES = new Set(['new_space', 'new_large_object_space']);

/**
 * A full collection now, if the runtime allows one, that also gives V8's free pages back to the
 * system: before a step that needs much native memory at once (the index rebuild of a large import).
 * A plain `gc()` collects the garbage but V8 keeps the pages it freed for later (a 200 MB heap
 * churned down to 40 MB kept 198 MB resident); V8's `last-resort` flavour (what it does near an
 * out-of-memory) compacts, shrinks the young generation and releases them (55 MB). Node 22's V8
 * takes the option; an older one ignores the argument and runs a plain full collection.
 * https://chromium.googlesource.com/v8/v8/+/refs/heads/main/src/extensions/gc-extension.cc
 */
export function collectGarbageNow(): void {
  (collector() as ((options?: object) => void) | null)?.({
    type: 'major',
    execution: 'sync',
    flavor: 'last-resort',
  });
}
