import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useServerEvents } from './use-server-events';

class FakeEventSource {
  static last: FakeEventSource | undefined;
  listeners = new Map<string, (e: MessageEvent<string>) => void>();
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, fn: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, fn);
  }
  removeEventListener(type: string) {
    this.listeners.delete(type);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: unknown) {
    this.listeners.get(type)?.(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function setup(mode: Parameters<typeof useServerEvents>[1] = 'live') {
  vi.stubGlobal('EventSource', FakeEventSource);
  const client = new QueryClient();
  const spy = vi.spyOn(client, 'invalidateQueries');
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  const hook = renderHook(() => useServerEvents(['bookinfo'], mode), { wrapper });
  return { hook, spy };
}

describe('useServerEvents', () => {
  it('opens one stream for the namespaces and invalidates what each event maps to', () => {
    const { hook, spy } = setup();
    const es = FakeEventSource.last!;
    expect(es.url).toBe('/api/events?namespaces=bookinfo');
    expect(hook.result.current).toBe('connecting');
    act(() => es.onopen?.());
    expect(hook.result.current).toBe('live');
    act(() => es.emit('traffic', { timestamp: 'now' }));
    expect(spy.mock.calls.map((c) => c[0]?.queryKey)).toEqual([['graph'], ['traffic']]);
    hook.unmount();
    expect(es.closed).toBe(true);
  });

  it('falls back to polling while the stream is down', () => {
    vi.useFakeTimers();
    const { hook, spy } = setup();
    act(() => FakeEventSource.last!.onerror?.());
    expect(hook.result.current).toBe('polling');
    act(() => void vi.advanceTimersByTime(10_000));
    expect(spy).toHaveBeenCalledWith({ queryKey: ['graph'] });
  });

  it('opens no stream when paused', () => {
    FakeEventSource.last = undefined;
    const { hook } = setup('off');
    expect(hook.result.current).toBe('paused');
    expect(FakeEventSource.last).toBeUndefined();
  });
});
