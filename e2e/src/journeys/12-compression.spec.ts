import { expect, test } from '../stack/fixture';

/*
 * Journey 11: the graph page arrives compressed (issue 12). Opening the graph, every JavaScript file
 * the page loads (the entry and the graph view's lazy chunk) and the graph JSON come compressed
 * (Chromium offers Brotli, which the server prefers); a client offering only gzip gets gzip; and
 * server-sent events are never compressed (they would be held back).
 */

test('the graph page: its JS and the graph JSON are served compressed (gzip for a gzip-only client); the event stream is not', async ({
  page,
  stack,
}) => {
  const scripts: { url: string; encoding: string | undefined; bytes: number }[] = [];
  const graphs: (string | undefined)[] = [];
  page.on('response', async (response) => {
    const url = response.url();
    const headers = await response.allHeaders().catch(() => ({}) as Record<string, string>);
    if (url.endsWith('.js')) {
      const bytes = (await response.body().catch(() => Buffer.alloc(0))).length;
      scripts.push({ url, encoding: headers['content-encoding'], bytes });
    }
    if (url.includes('/api/graph?')) graphs.push(headers['content-encoding']);
  });
  await page.goto('/graph?namespaces=bookinfo&window=10s');
  await expect(page.getByTestId('graph-canvas')).toBeVisible();
  await expect.poll(() => graphs.length).toBeGreaterThan(0);
  await expect.poll(() => scripts.filter((s) => /graph-page/.test(s.url)).length).toBeGreaterThan(0);

  expect(scripts.length).toBeGreaterThan(1);
  expect(scripts.some((s) => /graph-page/.test(s.url))).toBe(true);
  // Files under 1 KB are not worth compressing (the server's threshold); every other one is.
  const big = scripts.filter((s) => s.bytes > 1024);
  expect(big.some((s) => /graph-page/.test(s.url))).toBe(true);
  for (const s of big) expect(s.encoding, s.url).toMatch(/^(br|gzip)$/);
  expect(graphs[0]).toMatch(/^(br|gzip)$/);

  // The graph view's chunk for a client that accepts gzip only: gzip, and smaller than the file.
  const chunk = scripts.find((s) => /graph-page/.test(s.url))?.url ?? '';
  const gz = await fetch(chunk, { headers: { 'accept-encoding': 'gzip' } });
  expect(gz.headers.get('content-encoding')).toBe('gzip');
  const raw = await fetch(chunk, { headers: { 'accept-encoding': 'identity' } });
  expect(raw.headers.get('content-encoding')).toBeNull();
  const rawBytes = (await raw.arrayBuffer()).byteLength;
  // fetch inflates the body; the wire size is the Content-Length of the gzip answer when it is sent whole.
  const wire = Number(gz.headers.get('content-length') ?? 0);
  await gz.arrayBuffer();
  if (wire > 0) expect(wire).toBeLessThan(rawBytes / 2);

  // The SSE stream, asked for with gzip allowed, still comes uncompressed.
  const events = await fetch(`${stack.url}/api/events`, {
    headers: { accept: 'text/event-stream', 'accept-encoding': 'gzip' },
    signal: AbortSignal.timeout(5000),
  });
  expect(events.headers.get('content-type')).toContain('text/event-stream');
  expect(events.headers.get('content-encoding')).toBeNull();
  await events.body?.cancel();
});
