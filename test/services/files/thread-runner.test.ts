import { describe, expect, it } from 'vitest';
import { runThread } from '../../../main/services/files/thread-runner';
import { AppError } from '../../../shared/errors';

/** A worker module from its source text (the runner takes any module URL, as the benches pass bundles). */
const moduleOf = (source: string) => new URL(`data:text/javascript,${encodeURIComponent(source)}`);

describe('a worker thread run to its outcome', () => {
  it('hands every other message to the caller, lets it answer, and resolves with the result', async () => {
    const seen: unknown[] = [];
    const result = await runThread<number, { type: 'turn'; n: number }>({
      file: moduleOf(`
        import { parentPort } from 'node:worker_threads';
        parentPort.postMessage({ type: 'turn', n: 1 });
        parentPort.once('message', (answer) => parentPort.postMessage({ type: 'done', result: answer * 2 }));
      `),
      workerData: null,
      name: 'the test thread',
      onMessage: (message, worker) => {
        seen.push(message);
        worker.postMessage(21);
      },
    });
    expect(result).toBe(42);
    expect(seen).toEqual([{ type: 'turn', n: 1 }]);
  });

  it('rejects with the error the thread posted, rebuilt as the caller would have caught it', async () => {
    const run = runThread({
      file: moduleOf(`
        import { parentPort } from 'node:worker_threads';
        parentPort.postMessage({ type: 'error', error: { name: 'AppError', code: 'SYNC_GAP', message: 'gap', params: { seq: 3 } } });
      `),
      workerData: null,
      name: 'the test thread',
    });
    const error = await run.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'SYNC_GAP', params: { seq: 3 } });
  });

  it('rejects, naming the thread, when it ends without an outcome', async () => {
    const run = runThread({ file: moduleOf('process.exit(3);'), workerData: null, name: 'the test thread' });
    await expect(run).rejects.toThrow('the test thread ended early (exit code 3)');
  });
});
