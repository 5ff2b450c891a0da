import { describe, expect, it } from 'vitest';
import { createBridge, type RendererIpc } from '../../main/electron/bridge';
import { EVENT_CHANNEL_PREFIX, INVOKE_CHANNEL } from '../../shared/ipc/channel-names';
import { contract } from '../../shared/ipc/contract';

function fakeIpc() {
  const calls: unknown[][] = [];
  const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
  const ipc: RendererIpc = {
    invoke: async (...args) => {
      calls.push(args);
      return { ok: true, data: 'from main' };
    },
    on: (channel, listener) => listeners.set(channel, listener),
    removeListener: (channel) => listeners.delete(channel),
  };
  return { ipc, calls, listeners };
}

describe('IPC contract', () => {
  it('names every channel domain:verb-noun', () => {
    for (const name of Object.keys(contract)) expect(name).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
  });

  it('only first-run, sign-in, state and file-picking channels work without a session', () => {
    const publicChannels = Object.entries(contract)
      .filter(([, spec]) => spec.access === 'public')
      .map(([name]) => name);
    for (const name of publicChannels)
      expect(name).toMatch(/^(app|archive|auth|dialog):|^files:(choose-upload|release)$/);
    // Where a file is written is never public: a download needs a signed-in user.
    expect(contract['files:choose-download'].access).toBe('session');
    expect(contract['cases:list-page'].access).toBe('session');
    expect(contract['users:add'].permission).toBe('user:manage');
  });
});

describe('preload bridge', () => {
  it('forwards a contract channel over the one invoke channel', async () => {
    const { ipc, calls } = fakeIpc();
    const result = await createBridge(ipc).invoke('cases:get', { caseId: 'x' });
    expect(result).toEqual({ ok: true, data: 'from main' });
    expect(calls).toEqual([[INVOKE_CHANNEL, 'cases:get', { caseId: 'x' }]]);
  });

  it('refuses a channel outside the contract without sending anything', async () => {
    const { ipc, calls } = fakeIpc();
    const result = await createBridge(ipc).invoke('shell:open-external', { url: 'https://example.com' });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(calls).toEqual([]);
  });

  it('subscribes only to contract events and hands listeners the payload alone', () => {
    const { ipc, listeners } = fakeIpc();
    const bridge = createBridge(ipc);
    const received: unknown[] = [];
    bridge.on('ipc-internal', (payload) => received.push(payload));
    expect(listeners.size).toBe(0);
    const off = bridge.on('app:locked', (...args: unknown[]) => received.push(args));
    listeners.get(`${EVENT_CHANNEL_PREFIX}app:locked`)?.({ sender: 'raw ipcRenderer' }, { reason: 'idle' });
    expect(received).toEqual([[{ reason: 'idle' }]]);
    off();
    expect(listeners.size).toBe(0);
  });
});
