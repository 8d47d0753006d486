import { describe, expect, it, vi } from 'vitest';
import type { SignedIn } from './contract.ts';
import { type AuthCalls, createSessionStore } from './store.ts';

const memory = () => {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
};
const answer = (token: string): SignedIn => ({
  accessToken: token,
  expiresIn: 3600,
  user: { kind: 'staff', id: 'u1', email: 'ana@example.com', tenantId: 'ten_1', role: 'owner' },
});
const recipientAnswer = (token: string): SignedIn => ({
  accessToken: token,
  expiresIn: 3600,
  user: { kind: 'recipient', id: 'rcp_1', email: 'pagos@cliente.example', taxId: 'B12345674' },
});

function setup(calls: Partial<AuthCalls> = {}, developerTools = false) {
  const timers: Array<{ run: () => void; ms: number }> = [];
  const local = memory();
  const tab = memory();
  const all: AuthCalls = {
    signIn: vi.fn(async () => answer('a1')),
    refresh: vi.fn(async () => answer('a2')),
    signOut: vi.fn(async () => {}),
    ...calls,
  };
  const store = createSessionStore({
    calls: all,
    local,
    tab,
    developerTools,
    now: () => 1_000_000,
    setTimer: (run, ms) => timers.push({ run, ms }),
    clearTimer: () => timers.splice(0),
  });
  return { store, calls: all, local, tab, timers };
}

describe('the session', () => {
  it('starts signed out without asking the API when no one signed in from this browser', async () => {
    const { store, calls } = setup();
    expect(store.get().status).toBe('checking');
    await store.start();
    expect(store.get()).toEqual({ status: 'signedOut' });
    expect(calls.refresh).not.toHaveBeenCalled();
    expect(store.authorization()).toBeUndefined();
  });

  it('keeps the access token in memory only and refreshes it a minute before it expires', async () => {
    const { store, local, tab, timers } = setup();
    await store.signIn({ email: 'ana@example.com', password: 'x' });
    expect(store.get()).toMatchObject({ status: 'staff', expiresAt: 1_000_000 + 3_600_000 });
    expect(store.authorization()).toBe('Bearer a1');
    expect([...local.map.values(), ...tab.map.values()].join()).not.toContain('a1');
    expect(timers.map((t) => t.ms)).toEqual([3_540_000]);
    timers[0]!.run();
    await vi.waitFor(() => expect(store.authorization()).toBe('Bearer a2'));
  });

  it('after a reload, signs in again through the refresh cookie', async () => {
    const { store, local, calls } = setup();
    local.setItem('sello.session', '1');
    await store.start();
    expect(calls.refresh).toHaveBeenCalledOnce();
    expect(store.authorization()).toBe('Bearer a2');
  });

  it('a refused refresh or a 401 signs out, saying the session expired', async () => {
    const { store, local } = setup({ refresh: async () => undefined });
    await store.signIn({ email: 'ana@example.com', password: 'x' });
    store.expired();
    expect(store.get()).toEqual({ status: 'signedOut', expired: true });
    expect(local.map.size).toBe(0);
    local.setItem('sello.session', '1');
    await store.start();
    expect(store.get()).toEqual({ status: 'signedOut' });
  });

  it('signs out through the API, and forgets locally even when that call fails', async () => {
    const { store, calls, local } = setup({
      signOut: vi.fn(async () => Promise.reject(new Error('offline'))),
    });
    await store.signIn({ email: 'ana@example.com', password: 'x' });
    await store.signOut();
    expect(calls.signOut).toHaveBeenCalledOnce();
    expect(store.get()).toEqual({ status: 'signedOut' });
    expect(local.map.size).toBe(0);
  });

  it('tells a registered recipient from staff by the answer, and refreshes it as a recipient', async () => {
    const { store, calls, local } = setup({
      signIn: vi.fn(async () => recipientAnswer('r1')),
      refresh: vi.fn(async () => recipientAnswer('r2')),
    });
    await store.signIn({ email: 'pagos@cliente.example', password: 'x' });
    expect(store.get()).toMatchObject({ status: 'recipient', user: { taxId: 'B12345674' } });
    expect(store.authorization()).toBe('Bearer r1');
    // A registration's answer signs in the same way.
    store.signedIn(recipientAnswer('r3'));
    expect(store.authorization()).toBe('Bearer r3');
    await store.signOut();
    expect(calls.signOut).toHaveBeenCalledOnce();
    local.setItem('sello.session', '1');
    const again = setup({ refresh: vi.fn(async () => recipientAnswer('r2')) });
    again.local.setItem('sello.session', '1');
    await again.store.start();
    expect(again.store.get()).toMatchObject({ status: 'recipient', accessToken: 'r2' });
  });

  it('takes an API key only with the developer tools, for this tab', async () => {
    const off = setup();
    off.store.setApiKey('sello_k');
    expect(off.store.authorization()).toBeUndefined();

    const on = setup({}, true);
    on.store.setApiKey('sello_k');
    expect(on.store.authorization()).toBe('Bearer sello_k');
    const reloaded = createSessionStore({
      calls: on.calls,
      local: on.local,
      tab: on.tab,
      developerTools: true,
    });
    await reloaded.start();
    expect(reloaded.get()).toEqual({ status: 'apiKey', key: 'sello_k' });
    reloaded.expired();
    expect(on.tab.map.size).toBe(0);
  });
});
