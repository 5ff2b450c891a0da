import type { Page, Request } from 'playwright-core';
import type { CaseListQuery } from '../../shared/domain/case-query';

/** One `cases:list-page` round trip as the page saw it. */
export interface BlockTiming {
  query: CaseListQuery;
  /** Request sent → last byte of the response, from Chromium's own resource timing. */
  ms: number;
  total: number;
  rowCount: number;
}

const CHANNEL = '/ipc/cases:list-page';

/**
 * Records every `cases:list-page` call the page makes. The duration is Chromium's resource timing
 * (`responseEnd`, relative to the request's start), so the bench's own polling adds nothing to it.
 */
export function watchListPages(page: Page) {
  const blocks: BlockTiming[] = [];
  const waiters = new Set<() => void>();
  const onFinished = async (request: Request) => {
    if (!decodeURIComponent(request.url()).includes(CHANNEL)) return;
    const response = await request.response();
    const body = (await response?.json()) as
      { ok: boolean; data?: { total: number; rows: unknown[] } } | undefined;
    blocks.push({
      query: request.postDataJSON() as CaseListQuery,
      ms: request.timing().responseEnd,
      total: body?.data?.total ?? -1,
      rowCount: body?.data?.rows.length ?? -1,
    });
    for (const wake of waiters) wake();
  };
  page.on('requestfinished', (request) => void onFinished(request));
  return {
    blocks,
    /** Resolves once `blocks` holds more than `seen` entries, or after `timeoutMs` (false). */
    async waitBeyond(seen: number, timeoutMs: number): Promise<boolean> {
      if (blocks.length > seen) return true;
      return new Promise((resolve) => {
        const done = (value: boolean) => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(value);
        };
        const wake = () => blocks.length > seen && done(true);
        const timer = setTimeout(() => done(false), timeoutMs);
        waiters.add(wake);
      });
    },
  };
}

/** Every IPC round trip (channel, ms) while `work` runs: where a sign-in's time goes. */
export async function ipcCallsDuring<T>(
  page: Page,
  work: () => Promise<T>,
): Promise<{ result: T; calls: { channel: string; ms: number }[] }> {
  const calls: { channel: string; ms: number }[] = [];
  const onFinished = (request: Request) => {
    const url = decodeURIComponent(request.url());
    const at = url.indexOf('/ipc/');
    if (at !== -1) calls.push({ channel: url.slice(at + '/ipc/'.length), ms: request.timing().responseEnd });
  };
  page.on('requestfinished', onFinished);
  try {
    return { result: await work(), calls };
  } finally {
    page.off('requestfinished', onFinished);
  }
}

export type ListPageWatch = ReturnType<typeof watchListPages>;

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the p95 of 25 samples is the 24th, an observed value rather than an interpolation.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}
