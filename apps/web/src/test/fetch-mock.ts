import { vi } from 'vitest';

export interface Call {
  method: string;
  url: string;
  body: unknown;
  /** Request headers, lower-cased names. */
  headers: Record<string, string>;
}
type Handler = (call: Call) => { status?: number; body: unknown } | undefined;

/**
 * Replaces global fetch with a router over handlers (first match wins) and records every call, so
 * tests assert on exactly what the UI sent to the API.
 */
export function mockFetch(...handlers: Handler[]) {
  const calls: Call[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      method: init?.method ?? 'GET',
      url: String(input),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
    };
    calls.push(call);
    for (const h of handlers) {
      const r = h(call);
      if (r)
        return new Response(JSON.stringify(r.body), {
          status: r.status ?? 200,
          headers: { 'content-type': 'application/json' },
        });
    }
    return new Response(
      JSON.stringify({ error: { code: 'not_found', message: `no mock for ${call.method} ${call.url}` } }),
      { status: 404 },
    );
  });
  vi.stubGlobal('fetch', fn);
  return { calls, writes: () => calls.filter((c) => c.method !== 'GET' && !c.url.includes('dryRun=true')) };
}
